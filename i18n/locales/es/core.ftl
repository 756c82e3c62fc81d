### Frases que muestra la parte en Rust: el núcleo y la aplicación. Usted; glosario en docs/spanish.md.

## Counts

common-days =
    { $count ->
        [one] { $count } día
       *[other] { $count } días
    }

## Pida ayuda ahora (core/src/crisis.rs). Los números llegan como argumentos.

crisis-intro = No tiene que pasar por esto sin ayuda. Si está en peligro o piensa en hacerse daño, comuníquese ahora. Estas líneas son gratuitas y atienden de día y de noche.
crisis-988-name = 988 Línea de Prevención del Suicidio y Crisis
crisis-988-text = Para cualquier crisis, también las relacionadas con el consumo de sustancias. Llame o envíe un mensaje de texto al 988, o chatee en línea. Para hablar en español, llame al 988 y oprima 2.
crisis-988-call = Llamar al 988 (oprima 2)
crisis-988-sms = Enviar un texto al 988
crisis-988-chat = Chatear con el 988
crisis-911-name = Emergencias: 911
crisis-911-text = Si usted u otra persona está en peligro inmediato, llame al 911.
crisis-911-call = Llamar al 911
crisis-samhsa-name = Línea Nacional de Ayuda de SAMHSA
crisis-samhsa-text = Orientación e información sobre tratamiento, gratuita y confidencial, las 24 horas, todos los días. Atienden en español. TTY: { $tty }.
crisis-samhsa-call = Llamar al { $number }
crisis-samhsa-tty = TTY { $tty }
crisis-nua-name = Never Use Alone (Nunca consuma a solas)
crisis-nua-text = Si va a consumir, llame antes. Una persona se queda en la línea con usted y pide ayuda si usted deja de responder. Es gratuito y confidencial.
crisis-nua-call-number = Llamar al { $number }
crisis-after-use-sentence = Después de un tiempo sin consumir, el cuerpo tolera menos: una cantidad que antes parecía normal ahora puede causar una sobredosis.
crisis-after-use-naloxone = La naloxona (Narcan) revierte una sobredosis de opioides. La mayoría de las farmacias la dan sin receta; guárdela donde alguien que esté con usted pueda encontrarla.
crisis-after-use-nua = Si consume, no tiene que estar a solas: Never Use Alone ({ $number }) se queda al teléfono con usted y pide ayuda si deja de responder.
crisis-after-use-call = Llamar a Never Use Alone
crisis-no-browser = Este dispositivo no pudo abrir un navegador web. Escriba esta dirección en uno:
crisis-no-sms = Este dispositivo no tiene una aplicación para mensajes de texto. Envíe un texto desde su teléfono a:
crisis-no-phone = Este dispositivo no tiene una aplicación para llamadas. Llame desde su teléfono al:

## HALT: hambre, enojo, soledad, cansancio (core/src/halt.rs)

halt-need-hungry = Hambre
halt-need-angry = Enojo
halt-need-lonely = Soledad
halt-need-tired = Cansancio
halt-suggestion-hungry-title = Coma algo
halt-suggestion-hungry = Un bocadillo, un vaso de agua, una comida sencilla. Su cuerpo necesita energía para atravesar este momento.
halt-suggestion-angry-title = Saque el enojo sin hacer daño
halt-suggestion-angry = Desahóguese con alguien de confianza, escriba lo que siente, salga a caminar a paso rápido o respire despacio diez veces.
halt-suggestion-lonely-title = Comuníquese con alguien
halt-suggestion-lonely = Llame o envíe un mensaje a una persona de apoyo, o vaya a una reunión. No tiene que pasar por esto a solas.
halt-suggestion-tired-title = Descanse
halt-suggestion-tired = Acuéstese unos minutos o planee acostarse temprano. Todo se vuelve más difícil cuando el cuerpo está agotado.
halt-pattern-none = Todavía no hay revisiones HALT.
halt-pattern-nothing =
    { $checks ->
        [one] Ninguna necesidad se destacó en su última revisión.
       *[other] Ninguna necesidad se destacó en las últimas { $checks } revisiones.
    }
halt-pattern-one = { $needs } en su última revisión.
halt-pattern-many = { $needs } de las últimas { $checks } revisiones.
halt-pattern-part = { $need } en { $count }

## Listas: "A, B y C"

list-and = { $init } y { $last }

## Fechas en frases: "lunes 2 de marzo"

date-long = { $weekday } { $day } de { $month }
date-weekday-1 = lunes
date-weekday-2 = martes
date-weekday-3 = miércoles
date-weekday-4 = jueves
date-weekday-5 = viernes
date-weekday-6 = sábado
date-weekday-7 = domingo
date-month-1 = enero
date-month-2 = febrero
date-month-3 = marzo
date-month-4 = abril
date-month-5 = mayo
date-month-6 = junio
date-month-7 = julio
date-month-8 = agosto
date-month-9 = septiembre
date-month-10 = octubre
date-month-11 = noviembre
date-month-12 = diciembre

## Recordatorios y notificaciones. Discretos por defecto: nada dice para qué es la cita.

reminder-daily-check-in = Es hora de su registro del día.
reminder-discreet =
    { $when ->
        [today] Recordatorio: cita a las { $clock }
        [tomorrow] Recordatorio: cita mañana a las { $clock }
       *[date] Recordatorio: cita el { $date } a las { $clock }
    }
reminder-detailed =
    { $when ->
        [today] Recordatorio: { $kind } a las { $clock }{ $place }
        [tomorrow] Recordatorio: { $kind } mañana a las { $clock }{ $place }
       *[date] Recordatorio: { $kind } el { $date } a las { $clock }{ $place }
    }
reminder-by-video = por video
reminder-missed-closed =
    { $count ->
        [one] Es posible que se le haya pasado un recordatorio mientras Tideline estaba cerrado. Abra Tideline para ver lo que viene.
       *[other] Es posible que se le hayan pasado { $count } recordatorios mientras Tideline estaba cerrado. Abra Tideline para ver lo que viene.
    }
reminder-missed-asleep =
    { $count ->
        [one] Es posible que se le haya pasado un recordatorio mientras su computadora estaba en reposo. Abra Tideline para ver lo que viene.
       *[other] Es posible que se le hayan pasado { $count } recordatorios mientras su computadora estaba en reposo. Abra Tideline para ver lo que viene.
    }
notification-action-attend = Ahí estaré
notification-action-decline = No podré ir

## Tipos de sesión dentro de una frase ("sesión de grupo")

session-kind-words-group = sesión de grupo
session-kind-words-individual = sesión individual
session-kind-words-family = sesión familiar
session-kind-words-psychoeducation = sesión educativa
session-kind-words-medication = cita de medicación
session-kind-words-aftercare = cita de seguimiento
session-kind-words-other = sesión

## Progreso en la pantalla de inicio. Nunca como una falta: "3 de 6 horas esta semana."

progress-starts = Su programa empieza el { $date }.
progress-aftercare = Está en atención de seguimiento. { $week }
progress-day = Día { $day } de su programa. { $week }
progress-hours =
    { $n ->
        [one] { $hours } hora esta semana.
       *[other] { $hours } horas esta semana.
    }
progress-hours-met = { $hours } horas esta semana: alcanzó su meta de { $target } horas.
progress-hours-of = { $hours } de { $target } horas esta semana.
progress-check-in-next = Su próxima cita de seguimiento es el { $date }.
progress-check-in-none = Todavía no hay una cita de seguimiento programada.

## Resumen (core/src/insights.rs): cada gráfica se explica con una frase

insights-cravings-none = No hay deseos de consumir anotados en las últimas dos semanas.
insights-cravings-none-this-week = Todavía no hay deseos de consumir anotados esta semana.
insights-cravings-new =
    { $count ->
        [one] Anotó { $count } deseo de consumir esta semana y ninguno la semana pasada.
       *[other] Anotó { $count } deseos de consumir esta semana y ninguno la semana pasada.
    }
insights-cravings-lower = Sus deseos de consumir fueron menos intensos esta semana que la semana pasada.
insights-cravings-stronger = Sus deseos de consumir fueron más intensos esta semana que la semana pasada. Darse cuenta de eso es un buen primer paso.
insights-cravings-same = Sus deseos de consumir tuvieron más o menos la misma intensidad que la semana pasada.
insights-triggers-none = No hay detonantes anotados en los últimos 30 días.
insights-triggers-top =
    { $count ->
        [one] Su detonante más frecuente en los últimos 30 días fue { $trigger } ({ $count } vez).
       *[other] Su detonante más frecuente en los últimos 30 días fue { $trigger } ({ $count } veces).
    }
insights-trigger-halt = sentir { $need }
insights-trigger-morning = la mañana
insights-trigger-afternoon = la tarde
insights-trigger-evening = el anochecer
insights-trigger-night = la noche
insights-trigger-words = “{ $label }”
insights-urges-none = Todavía no ha surfeado ningún impulso.
insights-urges =
    { $surfed ->
        [one] Ha surfeado { $surfed } impulso. En promedio, el impulso bajó { $drop } puntos desde su punto más alto hasta el final.
       *[other] Ha surfeado { $surfed } impulsos. En promedio, el impulso bajó { $drop } puntos desde su punto más alto hasta el final.
    }
insights-attendance = Asistió { $this } horas esta semana y { $last } la semana pasada.

## El curso de atención (core/src/care.rs): nivel, meta semanal, quién la fijó, estado de cada sesión

care-level-iop = Programa ambulatorio intensivo (ASAM 2.1)
care-level-iop-adolescent = Programa ambulatorio intensivo para adolescentes (ASAM 2.1)
care-level-partial-hospitalization = Hospitalización parcial (ASAM 2.5)
care-level-outpatient = Atención ambulatoria (ASAM 1)
care-level-aftercare = Atención de seguimiento
care-target-aftercare = Sin horas semanales: en su lugar, citas de seguimiento a los 30, 60 y 90 días
care-target-minute = 1 minuto a la semana
care-target-hours =
    { $n ->
        [one] { $hours } hora a la semana
       *[other] { $hours } horas a la semana
    }
care-target-outpatient = Menos de 9 horas a la semana, la meta que fijó su consejero o consejera
care-target-none = Sin meta semanal
care-set-by-clinic = Lo fijó su clínica: { $level }, { $target }, desde el { $date }.
care-set-by-you = Lo fijó usted: { $level }, { $target }.
care-date = { $day } de { $month } de { $year }
care-kind-group = Grupo
care-kind-individual = Individual
care-kind-family = Familia
care-kind-psychoeducation = Educación
care-kind-medication = Medicación
care-kind-aftercare = Cita de seguimiento
care-kind-other = Otra
care-session-heading =
    { $kind ->
        [group] Sesión de grupo
        [individual] Sesión individual
        [family] Sesión familiar
        [psychoeducation] Sesión educativa
        [medication] Sesión de medicación
        [aftercare] Cita de seguimiento
       *[other] Sesión
    }
care-duration-min = { $m } min
care-duration-h = { $h } h
care-duration-h-min = { $h } h { $m } min
care-minutes =
    { $n ->
        [one] { $n } minuto
       *[other] { $n } minutos
    }
care-status-cancelled = Cancelada
care-status-cancelled-reason = Cancelada: { $reason }
care-status-removed = La clínica la eliminó
care-status-attended = Asistió
care-status-late = Asistió, llegó { $minutes } tarde
care-status-left-early = Asistió, se fue { $minutes } antes
care-status-missed = No asistió
care-status-excused = Ausencia justificada
care-status-proposed = Propuesta
care-status-pending = Esperando confirmación
care-status-waitlist = En lista de espera
care-status-booked = Programada
care-self-reported = { $what } (según usted)
care-status-counted = { $what }: cuentan { $counted }

## Qué tan segura es la frase de contraseña (core/src/passphrase.rs)

passphrase-warn-keyboard = Las teclas que están juntas en el teclado son fáciles de adivinar.
passphrase-warn-repeats = Las letras repetidas, como aaa, son fáciles de adivinar.
passphrase-warn-repeated-piece = Repetir un trozo corto, como abcabc, ayuda poco.
passphrase-warn-common = Es una contraseña muy común; es de las primeras que se prueban.
passphrase-warn-similar = Se parece a una contraseña común o a una palabra relacionada con esta aplicación.
passphrase-warn-sequence = Las series como abc o 6543 son fáciles de adivinar.
passphrase-warn-dates = Las fechas y los años son fáciles de adivinar.
passphrase-warn-one-word = Una sola palabra es fácil de adivinar.
passphrase-warn-names = Los nombres son fáciles de adivinar.
passphrase-warn-too-short = Use al menos { $min } caracteres.
passphrase-tip-words = Use varias palabras sin relación entre sí, no un refrán ni la letra de una canción.
passphrase-tip-no-symbols = No necesita símbolos, números ni mayúsculas.
passphrase-tip-add-word = Agregue una o dos palabras más. Las palabras poco comunes son mejores.
passphrase-tip-capitals = Las mayúsculas ayudan poco.
passphrase-tip-reversed = Escribir una palabra al revés ayuda poco.
passphrase-tip-swaps = Cambiar letras por símbolos, como @ por a, ayuda poco.
passphrase-tip-keyboard = Use palabras en lugar de patrones del teclado.
passphrase-tip-repeats = Evite repetir palabras o letras.
passphrase-tip-sequences = Evite series como abc o 123.
passphrase-tip-dates = Evite fechas y años que tengan un significado para usted.

## Las anotaciones del diario en el informe PDF (core/src/share/entry.rs, core/src/report.rs)
## Las palabras del paciente se ponen tal como las escribió.

entry-title-craving = Registro de deseo de consumir
entry-title-halt = Revisión HALT
entry-title-urge = Surfear el impulso
entry-title = { $kind }, { $when }
entry-line = { $label }: { $value }
entry-intensity = Intensidad: { $n } de 10
entry-situation = Situación
entry-thoughts = Pensamientos y sentimientos
entry-lasted = Duración: { $n } minutos
entry-coping = Qué hizo para sobrellevarlo
entry-outcome = Resultado: { $value }
entry-triggers = Detonantes: { $value }
entry-notes = Notas
entry-note = Nota
entry-halt-rating = { $need }: { $n } de 3
entry-trigger-halt = HALT: { $need }
entry-trigger-person = Persona: { $label }
entry-trigger-place = Lugar: { $label }
entry-trigger-feeling = Sentimiento: { $label }
entry-trigger-time = Momento del día: { $part }
entry-part-morning = mañana
entry-part-afternoon = tarde
entry-part-evening = anochecer
entry-part-night = noche
entry-craving-outcome-not-yet-recorded = Todavía sin anotar
entry-craving-outcome-did-not-use = No consumió
entry-craving-outcome-used = Volvió a consumir
entry-urge-intensity = Intensidad: { $start } al inicio, { $peak } en el punto más alto, { $end } al final (de 10)
entry-urge-form = Forma guiada: { $value }
entry-urge-variant-wave = La ola del impulso
entry-urge-variant-sober = S.O.B.E.R.
entry-urge-steps = Pasos: { $value }
entry-urge-step-notice-and-name = Note el impulso y póngale nombre
entry-urge-step-observe-body = Obsérvelo en el cuerpo y en los pensamientos
entry-urge-step-breathe = Respire
entry-urge-step-ride-the-wave = Surfee la ola
entry-urge-step-notice-it-fall = Note cómo baja
entry-urge-step-stop = Deténgase
entry-urge-step-observe = Observe
entry-urge-step-expand-awareness = Amplíe su atención
entry-urge-step-respond-mindfully = Responda con atención plena
entry-urge-wave = Ola: { $value }
entry-urge-wave-point = { $n } a los { $minute } min
entry-urge-outcome-not-yet-recorded = Todavía sin anotar
entry-urge-outcome-rode-it-out = Dejó pasar la ola
entry-urge-outcome-acted-on-urge = Actuó según el impulso

## El informe PDF (core/src/report.rs)

report-title = Informe del diario de Tideline
report-made-by =
    { $count ->
        [one] Informe hecho el { $date } por la propia persona, con { $count } anotación de su diario que eligió.
       *[other] Informe hecho el { $date } por la propia persona, con { $count } anotaciones de su diario que eligió.
    }
report-date = { $day } de { $month } de { $year }
report-prepared-for = Preparado para: { $reader }
report-part2-notice = La norma federal 42 CFR Part 2 prohíbe el uso o la divulgación no autorizados de estos registros.
report-chart-cravings = Intensidad del deseo de consumir a lo largo del tiempo (de 0 a 10)
report-chart-cravings-span = del { $from } al { $to }
report-chart-urge = La ola del impulso (intensidad de 0 a 10)
report-chart-urge-axis = minutos desde el inicio

## Fecha y hora cortas de una anotación: "lun 2 mar 2026, 21:30"

entry-when = { $weekday } { $day } { $month } { $year }, { $time }
date-weekday-short-1 = lun
date-weekday-short-2 = mar
date-weekday-short-3 = mié
date-weekday-short-4 = jue
date-weekday-short-5 = vie
date-weekday-short-6 = sáb
date-weekday-short-7 = dom
date-month-short-1 = ene
date-month-short-2 = feb
date-month-short-3 = mar
date-month-short-4 = abr
date-month-short-5 = may
date-month-short-6 = jun
date-month-short-7 = jul
date-month-short-8 = ago
date-month-short-9 = sept
date-month-short-10 = oct
date-month-short-11 = nov
date-month-short-12 = dic

## Errores que puede mostrar la ventana. Frases fijas, nunca datos del paciente.

error-no-vault = todavía no hay datos de Tideline en este dispositivo
error-vault-exists = ya hay datos de Tideline aquí; indique expresamente si quiere reemplazarlos
error-wrong-passphrase = esa frase de contraseña no desbloqueó Tideline
error-wrong-recovery-key = esa clave de recuperación no desbloqueó Tideline
error-quick-unlock-off = el desbloqueo rápido está desactivado en este dispositivo; desbloquee con su frase de contraseña
error-biometric = no se pudo confirmar la huella o el rostro; intente de nuevo o use su frase de contraseña
error-locked-out = demasiados intentos; vuelva a intentarlo en { $seconds } segundos
error-locked = Tideline está bloqueado
error-file-empty = el archivo está vacío (0 bytes)
error-file-truncated = el archivo está incompleto: le falta el final
error-file-foreign = el archivo no es de Tideline: ni sus datos ni una copia de seguridad
error-file-corrupted = el archivo está dañado y no se puede leer con seguridad
error-file-key-slot = la información de las claves del archivo está dañada
error-unsupported-version = este archivo lo escribió una versión más nueva de Tideline (formato { $found }); actualice la aplicación
error-not-found = esa anotación ya no existe
error-disk-full = el disco está lleno; no se guardó nada y no se perdió nada de lo que ya estaba guardado
error-storage = no se pudo leer o escribir un archivo: { $detail }
error-offline = no se pudo contactar a la clínica; sus respuestas están guardadas y se enviarán más tarde
error-device-refused = la clínica ya no acepta este dispositivo; pida a la clínica un código nuevo para volver a conectarse
# $count: cuántas entradas no se abrieron al desbloquear (un número). Se rechaza la clave nueva para todo.
error-entries-unopened = Entradas que no se pudieron abrir: { $count }. Por eso no se cambió la clave: cambiarla las perdería. Se conservan en el archivo sin cambios. Restaure una copia de seguridad que las tenga y vuelva a intentarlo; mientras tanto, puede cambiar solo su frase de contraseña
invalid-use-at-least-10-characters = use al menos 10 caracteres
invalid-use-at-most-1024-characters = use como máximo 1024 caracteres
invalid-this-passphrase-is-too-easy-to-guess-add-more-unrelated-words = esta frase de contraseña es demasiado fácil de adivinar; agregue más palabras sin relación entre sí
invalid-choose-one-of-the-languages-offered = elija uno de los idiomas disponibles

## Los motivos por los que se rechazó un valor o una petición a la clínica.

invalid-this-draft-is-too-long-to-keep = este borrador es demasiado largo para guardarlo
invalid-your-clinic-has-recorded-this-session-its-record-counts = su clínica ya registró esta sesión; cuenta el registro de la clínica
invalid-a-session-can-be-marked-once-it-has-started = puede marcar una sesión una vez que haya empezado
invalid-the-minutes-must-be-less-than-the-session-s-length = los minutos deben ser menos que la duración de la sesión
invalid-must-be-a-phone-number-digits-spaces = debe ser un número de teléfono (dígitos, espacios, + - ( ) .)
invalid-must-be-between-0-and-10 = debe estar entre 0 y 10
invalid-must-be-between-1-minute-and-24-hours = debe estar entre 1 minuto y 24 horas
invalid-too-many-triggers-in-one-entry = demasiados detonantes en una sola anotación
invalid-this-contact-has-no-phone-number = este contacto no tiene número de teléfono
invalid-this-contact-did-not-say-texting-is-welcome = este contacto no indicó que se le puedan enviar mensajes de texto
invalid-this-phone-number-cannot-be-dialled = no se puede marcar este número de teléfono
invalid-must-be-between-0-and-3 = debe estar entre 0 y 3
invalid-has-too-many-items = tiene demasiados elementos
invalid-every-trigger-needs-a-coping-step = cada detonante necesita un paso para sobrellevarlo
invalid-must-be-after-the-start = debe ser después del inicio
invalid-a-session-cannot-last-more-than-24-hours = una sesión no puede durar más de 24 horas
invalid-a-video-link-must-start-with-https = un enlace de video debe empezar con https://
invalid-start-and-end-must-differ = el inicio y el final deben ser distintos
invalid-can-last-at-most-16-hours = puede durar como máximo 16 horas
invalid-at-most-6-reminders-per-session = como máximo 6 recordatorios por sesión
invalid-must-be-between-1-minute-and-14-days = debe estar entre 1 minuto y 14 días
invalid-lists-the-same-time-twice = incluye la misma hora dos veces
invalid-falls-inside-quiet-hours = cae dentro de las horas de silencio
invalid-must-be-between-1-and-60 = debe estar entre 1 y 60
invalid-only-craving-records-halt-checks-and-urge-surfing-sessions-can-be-shared = solo se pueden compartir registros de deseo de consumir, revisiones HALT y sesiones de surfear el impulso
invalid-choose-at-least-one-entry-to-share = elija al menos una anotación para compartir
invalid-share-at-most-200-entries-at-a-time = comparta como máximo 200 anotaciones a la vez
invalid-is-not-a-usable-date = no es una fecha válida
invalid-must-be-today-or-later = debe ser hoy o más adelante
invalid-a-consent-can-last-at-most-a-year = un consentimiento puede durar como máximo un año
invalid-this-entry-cannot-be-shared = esta anotación no se puede compartir
invalid-this-consent-was-revoked-share-again-instead = este consentimiento fue revocado; en su lugar, vuelva a compartir
invalid-this-consent-expired-before-it-was-sent-nothing-was-shared = este consentimiento venció antes de enviarse; no se compartió nada
clinic-this-device-is-not-connected-to-a-clinic = este dispositivo no está conectado a una clínica
clinic-the-clinic-has-no-care-team-for-you-yet-ask-the-clinic = la clínica todavía no tiene un equipo de atención para usted; pregunte en la clínica
clinic-the-stored-clinic-connection-is-damaged-connect-to-the-clinic-again = la conexión guardada con la clínica está dañada; vuelva a conectarse a la clínica
invalid-this-device-is-already-connected-to-a-clinic-disconnect-first = este dispositivo ya está conectado a una clínica; primero desconéctelo
invalid-type-the-code-the-clinic-gave-you = escriba el código que le dio la clínica
invalid-that-code-did-not-work-check-it-or-ask-the-clinic-for-a-new-one-codes-last-15-minutes = ese código no funcionó; revíselo o pida uno nuevo a la clínica (los códigos duran 15 minutos)
clinic-the-clinic-did-not-confirm-that-this-device-is-disconnected = la clínica no confirmó que este dispositivo esté desconectado
clinic-the-clinic-connection-changed-during-the-sync-sync-again = la conexión con la clínica cambió durante la sincronización; vuelva a sincronizar
clinic-this-device-s-clock-differs-from-the-clinic-s-by-more-than-5-minutes-check-the-date-and-time-settings = el reloj de este dispositivo difiere en más de 5 minutos del de la clínica; revise la configuración de fecha y hora
clinic-the-clinic-is-busy-right-now-your-answers-are-saved-and-will-be-sent-later = la clínica está ocupada en este momento; sus respuestas están guardadas y se enviarán más tarde
clinic-the-clinic-sent-an-answer-the-app-could-not-read-try-again-later = la clínica envió una respuesta que la aplicación no pudo leer; intente de nuevo más tarde
clinic-the-clinic-refused-to-send-the-schedule-ask-the-clinic-to-check-this-device = la clínica no quiso enviar el calendario; pida a la clínica que revise este dispositivo
invalid-must-be-the-clinic-s-address-such-as-https-clinic-example = debe ser la dirección de la clínica, por ejemplo https://clinic.example
invalid-must-start-with-https-so-the-connection-is-encrypted = debe empezar con https:// para que la conexión esté cifrada
invalid-is-not-a-clinic-address = no es la dirección de una clínica
clinic-the-clinic-sent-more-than-the-app-can-read-try-again-later = la clínica envió más de lo que la aplicación puede leer; intente de nuevo más tarde
invalid-must-not-be-before-the-start = no debe ser antes del inicio
invalid-no-file-at-that-place = no hay ningún archivo en ese lugar
invalid-a-recovery-key-has-32-letters-and-digits = una clave de recuperación tiene 32 letras y dígitos
invalid-writing-while-locked-works-after-the-next-unlock = anotar con la aplicación bloqueada funciona después del próximo desbloqueo
invalid-choose-a-file-name = elija un nombre de archivo
invalid-choose-the-file-again-with-the-app-s-own-dialog = vuelva a elegir el archivo con la ventana de la propia aplicación
invalid-enter-the-passphrase-or-the-recovery-key = escriba la frase de contraseña o la clave de recuperación
invalid-enter-your-current-passphrase-to-replace-what-is-on-this-device = escriba su frase de contraseña actual para reemplazar lo que hay en este dispositivo
invalid-must-start-with-https = debe empezar con https://

## El menú de la bandeja del sistema: palabras neutras

tray-open = Abrir Tideline
tray-lock = Bloquear
tray-help = Pedir ayuda ahora
tray-quit = Salir

## Sincronización con la clínica (core/src/sync)

sync-parked-session-unknown = La clínica ya no tiene esta sesión, así que no se pudo enviar su respuesta. Por favor, avísele directamente a su consejero o consejera.
sync-parked-not-yours = La clínica indica que esta sesión no está en su calendario, así que no se pudo enviar su respuesta. Por favor, avísele directamente a su consejero o consejera.
sync-parked-conflict = La clínica ya tiene otra respuesta para esta sesión. Responda de nuevo para enviar su elección más reciente.
sync-parked-unsupported = El servidor de la clínica no acepta respuestas de esta versión de la aplicación. Por favor, actualice la aplicación o avísele directamente a su consejero o consejera.
sync-parked-refused = La clínica no pudo aceptar esta respuesta. Por favor, avísele directamente a su consejero o consejera.
sync-clinic-key-renewed = También se renovó la clave de este dispositivo para la clínica: una copia de su diario hecha antes ya no puede actuar en su nombre ante la clínica.
sync-clinic-key-next-connection = No se pudo contactar a la clínica, así que la clave de este dispositivo para la clínica se renovará en la próxima conexión, antes de enviar cualquier otra cosa.
sync-clinic-key-device-refused = La clínica ya no acepta este dispositivo, así que no había una clave para la clínica que renovar; vuelva a conectarse con un código nuevo de la clínica.

## El consentimiento que la persona firma para compartir (core/src/share/preview.rs): cada elemento que
## exige 42 CFR Part 2, en palabras sencillas y en el idioma de quien lo firma.

consent-patient = Paciente: yo, la persona para quien está conectado este dispositivo en { $clinic } ({ $patient }).
consent-allow = Autorizo a { $clinic }, el programa que me da tratamiento, a divulgar estas anotaciones de mi diario de Tideline:
consent-entry = - { $title }
consent-to = Destinatario: mi equipo de atención en { $clinic } (los consejeros, las consejeras y los terapeutas asignados a mi caso).
consent-purpose = Propósito: { $purpose }.
consent-purpose-treatment = ayudar con mi tratamiento
consent-ends = Este consentimiento termina al final del día { $date }, a menos que yo lo revoque antes.
consent-revoke = Puedo revocarlo en cualquier momento: en Tideline, en Compartir, elija Revocar, o avise por escrito a { $clinic }. Revocarlo detiene todo acceso futuro; no deshace lo que ya se vio.
consent-treatment = Mi tratamiento no depende de que firme este consentimiento.
consent-signed = Firmado electrónicamente por mí en este dispositivo el { $date } a las { $time } ({ $zone }).
# Who viewed shared entries, when the clinic names no one.
share-viewer-unnamed = Personal de la clínica
sync-new-device-warning = Se conectó un dispositivo nuevo a su cuenta de la clínica. Si fue usted, puede descartar este aviso. Si no fue usted, avise a su clínica; allí pueden quitarlo.
invalid-an-outpatient-target-is-more-than-0-and-under-9-hours = la meta de la atención ambulatoria es de más de 0 y menos de 9 horas
invalid-aftercare-has-no-weekly-hours = la atención de seguimiento no tiene horas semanales
invalid-intensive-outpatient-care-is-at-least-9-hours-a-week = el programa ambulatorio intensivo es de al menos 9 horas a la semana
invalid-adolescent-intensive-outpatient-care-is-at-least-6-hours-a-week = el programa ambulatorio intensivo para adolescentes es de al menos 6 horas a la semana
invalid-partial-hospitalization-is-at-least-20-hours-a-week = la hospitalización parcial es de al menos 20 horas a la semana
