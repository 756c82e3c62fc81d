# El marco de la ventana (ui/src/App.svelte) y su estado (ui/src/lib/app.svelte.ts).

# El nombre de la aplicación, en la barra superior.
app-brand = Tideline
app-skip = Ir al contenido
app-get-help = Ayuda ahora
app-lock = Bloquear
app-nav-label = Principal
app-nav-home = Inicio
app-nav-cravings = Anotar deseo de consumir
app-nav-halt = Revisión HALT
app-nav-urge = Surfear el impulso
app-nav-sessions = Sesiones
app-nav-insights = Tendencias
app-nav-plan = Mi plan
app-nav-share = Compartir
app-nav-clinic = Clínica
app-nav-settings = Ajustes
app-opening = Abriendo…
app-screen-error = No se pudo abrir esta pantalla. No cambió nada de lo que guardó.
app-screen-retry = Intentar de nuevo
app-unavailable-title = Tideline no pudo abrir su almacenamiento
app-unavailable-text = Por favor, cierre la aplicación y vuelva a abrirla. Sus anotaciones están guardadas en este dispositivo y no cambiaron.
