# Inicio (ui/src/screens/Home.svelte) y las líneas de actividad reciente (ui/src/lib/activity.ts).

home-title = Inicio
home-title-day = Día { $day } de su programa
home-device-title = Un dispositivo nuevo
home-device-see = Ver los dispositivos
home-write-craving = Anotar un deseo de consumir
home-check-halt = Hacer la revisión HALT
home-surf-urge = Surfear un impulso
home-next-title = Próxima sesión
home-session-when = { $date } a { $end }
home-reply = Responder a esta invitación
home-no-session = No hay ninguna sesión próxima en su calendario.
home-add-session = Agregar una sesión
home-aftercare = Atención de seguimiento
home-this-week = Esta semana
home-checkins = Sus citas de control
home-attended =
    { $count ->
        [one] Ha asistido a { $count } sesión hasta ahora
       *[other] Ha asistido a { $count } sesiones hasta ahora
    }
home-recent-title = Actividad reciente
home-recent-empty = Todavía no hay anotaciones. Cuando llegue un deseo de consumir, anotarlo es un buen primer paso.
home-recent-when = { $day }, { $time }

## Actividad reciente, una línea por anotación
activity-lapse = Anotó que volvió a consumir y siguió adelante
activity-craving = Anotó un deseo de consumir, intensidad { $intensity }
activity-halt-flagged = Revisión HALT: { $needs }
activity-halt-steady = Revisión HALT: todo estable
activity-urge = Surfeó un impulso de { $start } a { $end }
