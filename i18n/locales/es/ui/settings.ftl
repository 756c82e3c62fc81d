# Pantalla de ajustes (ui/src/screens/Settings.svelte) y ui/src/lib/settings.ts.

settings-title = Ajustes

## Language
settings-language-title = Idioma
settings-language-label = Idioma de la aplicación
settings-language-hint = Cambia todas las pantallas al instante. Los recordatorios y la pantalla de crisis también cambian.
settings-language-saved = La aplicación está ahora en español.
# Solo se muestra con el seudoidioma de prueba (no se ofrece a los pacientes).
settings-language-pseudo = Seudoidioma (para pruebas)

## Look, locking and reminders
settings-prefs-title = Aspecto, bloqueo y recordatorios
settings-theme-label = Tema
settings-theme-system = Igual que mi dispositivo
settings-theme-light = Claro
settings-theme-dark = Oscuro
settings-autolock-label = Bloquear automáticamente después de
settings-autolock-choice =
    { $minutes ->
        [one] { $minutes } minuto sin uso
       *[other] { $minutes } minutos sin uso
    }
settings-lead-legend = Recordarme antes de una sesión
settings-lead-15 = 15 minutos antes
settings-lead-60 = 1 hora antes
settings-lead-180 = 3 horas antes
settings-lead-1440 = El día anterior
settings-quiet-legend = Horas de silencio
settings-quiet-on = Sin recordatorios durante las horas de silencio
settings-quiet-from = Desde
settings-quiet-until = Hasta
settings-checkin-legend = Registro diario
settings-checkin-on = Recordarme una vez al día que registre cómo estoy
settings-checkin-at = A las
settings-notif-legend = Qué muestran las notificaciones
settings-notif-discreet = Discretas
settings-notif-discreet-example = Discretas: «{ $example }»
settings-notif-detailed = Detalladas
settings-notif-detailed-example = Detalladas: «{ $example }»
settings-notif-hint = El título de la notificación es siempre «Tideline». Las palabras de arriba son exactamente lo que muestra un recordatorio, aquí para una sesión de ejemplo. Nunca se muestra nada de su diario.
settings-computer-legend = En esta computadora
settings-tray = Seguir abierta en la bandeja del sistema al cerrar la ventana, para que sigan llegando los recordatorios
settings-login = Abrirse al iniciar sesión en la computadora
settings-resume = Los recordatorios siguen llegando mientras Tideline está bloqueada, siempre que esté abierta. Después de reiniciar la aplicación o esta computadora, Tideline no puede leer sus sesiones hasta que usted la desbloquee, así que los recordatorios vuelven a empezar la primera vez que la desbloquee. Al desbloquearla, le avisará si es posible que se haya perdido alguno mientras estaba cerrada.
settings-prefs-save = Guardar ajustes
settings-prefs-saved = Ajustes guardados.

## Program
settings-program-title = Programa
settings-program-start = Fecha de inicio del programa
settings-level-clinic = Nivel de atención (lo fija su clínica)
settings-target-clinic = Meta semanal (la fija su clínica)
settings-course-title = Su proceso de atención
settings-course-line = { $from }: { $name }, { $target }
settings-level = Nivel de atención
settings-target-custom = Meta semanal en horas (menos de 9, según le indicó su consejero o consejera)
settings-save-start = Guardar fecha de inicio
settings-save-program = Guardar programa
settings-program-saved = Programa guardado.

## Files
settings-no-chooser = Elegir un archivo todavía no está disponible en esta versión de la aplicación
settings-wrong-passphrase = Esa no es su frase de contraseña actual.

## Passphrase and master key rotation
settings-pass-title = Cambiar la frase de contraseña
settings-pass-current = Frase de contraseña actual
settings-pass-new = Nueva frase de contraseña
settings-pass-again = Escriba otra vez la nueva frase de contraseña
settings-rotate-check = Es posible que alguien conozca mi frase de contraseña
settings-rotate-hint = Deje esto sin marcar si solo quiere una nueva frase de contraseña. Márquelo si alguien puede conocer su frase de contraseña o haber visto su clave de recuperación: cada anotación se vuelve a bloquear con una clave nueva, usted recibe una nueva clave de recuperación para anotar y el desbloqueo rápido se desactiva. Tarda unos segundos.
settings-rotate-backups = Las copias de seguridad que hizo antes se siguen abriendo con la frase de contraseña que tenía cuando las hizo.
settings-pass-submit = Cambiar la frase de contraseña
settings-pass-submit-rotate = Cambiar la frase de contraseña y bloquear todo con una clave nueva
settings-pass-changed = Su frase de contraseña cambió. Use la nueva la próxima vez que desbloquee.
settings-rotated-title = Su nueva clave de recuperación
settings-rotated-intro = Sus anotaciones están ahora bloqueadas con una clave nueva. Su frase de contraseña anterior y su clave de recuperación anterior ya no las abren.
settings-rotated-once = Esta nueva clave de recuperación se muestra solo esta vez.
settings-rotated-keep = Anótela y guárdela en un lugar seguro y privado.
settings-key-groups-label = Clave de recuperación, grupo por grupo
settings-wrote-it-down = Ya la anoté
settings-rotated-check-title = Compruebe su nueva clave de recuperación
settings-rotated-type-group = Escriba el grupo { $group } de su nueva clave de recuperación
settings-rotated-group-hint = Los grupos se cuentan desde la izquierda. Puede usar mayúsculas o minúsculas.
settings-confirm = Confirmar
settings-show-key-again = Mostrar la clave otra vez
settings-rotated-mismatch = No coincide con la clave que se mostró. Vuelva a verla con Mostrar la clave otra vez.
settings-rotated-done = Listo. Sus anotaciones están bloqueadas con una clave nueva. Use su nueva frase de contraseña la próxima vez que desbloquee.

## New recovery key
settings-key-title = Nueva clave de recuperación
settings-key-unconfirmed = Tideline se bloqueó antes de comprobar su clave de recuperación, así que es posible que no la tenga anotada. Cree una nueva aquí ahora; tarda un minuto.
settings-key-shown = Su nueva clave de recuperación está abajo. Se muestra solo esta vez; la clave anterior ya no funciona. Anótela y guárdela en un lugar seguro.
settings-key-pending = Su nueva clave de recuperación está en esta pantalla, en «Su nueva clave de recuperación». Anótela y luego escriba un grupo para terminar.
settings-key-done = Listo. Su nueva clave de recuperación está comprobada. Guárdela en un lugar seguro y privado; la anterior ya no funciona.
settings-key-intro = Si perdió su clave de recuperación, cree una nueva. La anterior deja de funcionar.
settings-your-passphrase = Su frase de contraseña
settings-key-submit = Mostrar una nueva clave de recuperación

## Quick unlock (phones)
settings-quick-title = Desbloqueo rápido en este teléfono
settings-quick-on-text = Tideline se abre con su huella o su rostro en este teléfono. Su frase de contraseña sigue funcionando, y si la cambia, el desbloqueo rápido se desactiva.
settings-quick-turn-off = Desactivar el desbloqueo rápido
settings-quick-off-text = Abra Tideline con su huella o su rostro en lugar de escribir. El teléfono guarda una clave detrás de esa comprobación; su frase de contraseña nunca se guarda.
settings-quick-turn-on = Activar el desbloqueo rápido
settings-quick-is-on = El desbloqueo rápido está activado.
settings-quick-is-off = El desbloqueo rápido está desactivado. Tideline se abre con su frase de contraseña.

## Backup and restore
settings-backup-title = Copia de seguridad
settings-backup-intro = Una copia cifrada de todo, para una memoria USB u otro lugar seguro.
settings-backup-save = Guardar una copia de seguridad
settings-backup-saved = Copia de seguridad guardada. Está cifrada: se abre con su frase de contraseña o con su clave de recuperación.
settings-restore-title = Restaurar desde una copia de seguridad
settings-restore-with = Abrir la copia con
settings-restore-its-passphrase = Su frase de contraseña
settings-restore-its-key = Su clave de recuperación
settings-restore-passphrase = Frase de contraseña de la copia
settings-restore-key = Clave de recuperación de la copia
settings-restore-replace = Reemplazar lo que hay ahora en este dispositivo
settings-restore-current = Su frase de contraseña actual, para reemplazar este diario
settings-restore-submit = Elegir una copia y restaurarla
settings-restored =
    { $records ->
        [one] Copia restaurada: { $records } anotación.
       *[other] Copia restaurada: { $records } anotaciones.
    }
settings-restored-damaged =
    { $damaged ->
        [one] { $damaged } no se pudo leer.
       *[other] { $damaged } no se pudieron leer.
    }
settings-restore-exists = Restaurar reemplazaría lo que hay ahora en este dispositivo. Marque la casilla para confirmarlo y vuelva a intentarlo.

## Export
settings-export-title = Exportar
settings-export-intro = Un archivo legible con todas sus anotaciones, para guardarlo o revisarlo con su consejero o consejera.
settings-export-warning = No está cifrado, por eso se le pide de nuevo su frase de contraseña.
settings-export-submit = Exportar mis anotaciones
settings-export-saved = Exportación guardada. Este archivo no está cifrado: guárdelo en un lugar privado o bórrelo cuando termine.

## Delete everything
settings-wipe-title = Borrar todo
settings-wipe-intro = Esto elimina para siempre de este dispositivo cada anotación, su plan, sus contactos y sus ajustes. Las copias de seguridad que guardó en otro lugar no se tocan.
# La frase que la persona escribe para confirmar; se compara sin mayúsculas ni espacios alrededor.
settings-wipe-phrase = borrar todo
settings-wipe-type = Para confirmar, escriba: { $phrase }
settings-wipe-submit = Borrar todo en este dispositivo
