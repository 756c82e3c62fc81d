# El portal de la clínica (clinic/src/portal): cada palabra que el personal lee en sus páginas.
# Usted en todo el texto; glosario en docs/spanish.md.

## El marco de la página

portal-page-title = { $title } · Portal clínico de Tideline
portal-brand = Portal clínico de Tideline
portal-skip = Saltar al contenido principal
portal-nav-label = Portal
portal-nav-today = Hoy
portal-nav-worklist = Pendientes
portal-nav-programs = Programas
portal-nav-my-patients = Mis pacientes
portal-nav-all-patients = Todos los pacientes
portal-nav-staff = Personal
portal-signed-in-as = Sesión iniciada como { $name }, { $clinic }
portal-sign-out = Cerrar sesión
portal-footer-logoff = Para proteger la privacidad de sus pacientes, la sesión se cierra tras 15 minutos sin actividad.
portal-language-label = Idioma
portal-language-save = Cambiar idioma
portal-language-links = Idioma de esta página
portal-language-name-en = English
portal-language-name-es = Español
portal-nav-account = Mi cuenta
portal-account-heading = Mi cuenta
portal-account-language-hint = Todas las páginas, formularios y mensajes del portal se muestran en este idioma.
portal-account-saved = Se guardó su idioma.

## Fechas y horas

portal-month-1 = enero
portal-month-2 = febrero
portal-month-3 = marzo
portal-month-4 = abril
portal-month-5 = mayo
portal-month-6 = junio
portal-month-7 = julio
portal-month-8 = agosto
portal-month-9 = septiembre
portal-month-10 = octubre
portal-month-11 = noviembre
portal-month-12 = diciembre
portal-month-short-1 = ene
portal-month-short-2 = feb
portal-month-short-3 = mar
portal-month-short-4 = abr
portal-month-short-5 = may
portal-month-short-6 = jun
portal-month-short-7 = jul
portal-month-short-8 = ago
portal-month-short-9 = sept
portal-month-short-10 = oct
portal-month-short-11 = nov
portal-month-short-12 = dic
portal-weekday-1 = lunes
portal-weekday-2 = martes
portal-weekday-3 = miércoles
portal-weekday-4 = jueves
portal-weekday-5 = viernes
portal-weekday-6 = sábado
portal-weekday-7 = domingo
portal-weekday-short-1 = lun
portal-weekday-short-2 = mar
portal-weekday-short-3 = mié
portal-weekday-short-4 = jue
portal-weekday-short-5 = vie
portal-weekday-short-6 = sáb
portal-weekday-short-7 = dom
portal-am = a. m.
portal-pm = p. m.
portal-date = { $day } { $month } { $year }
portal-date-no-year = { $day } { $month }
portal-date-long = { $weekday } { $day } de { $month } de { $year }
portal-date-weekday = { $weekday } { $day } { $month } { $year }
portal-date-weekday-no-year = { $weekday } { $day } { $month }
portal-date-time = { $date }, { $time }
portal-date-hours = { $date }, { $start }–{ $end }

## Rechazos y errores

portal-refused-title = No disponible para usted
portal-refused-admins = Esta página es para la administración de su clínica.
portal-refused-care-team = Este paciente no forma parte de su equipo de atención, por lo que no se le muestran sus registros.
portal-bad-request-title = Revise la solicitud
portal-bad-request-text = No se pudo mostrar la página con lo que se pidió; revise las fechas y las opciones e inténtelo de nuevo.
portal-not-found-title = No se encontró
portal-not-found-text = No existe ese paciente.
portal-error-title = Algo salió mal
portal-error-text = No se pudo mostrar la página. Inténtelo de nuevo.
portal-insecure-title = Use una conexión segura
portal-insecure-text = El portal solo se ofrece por HTTPS, salvo en este mismo equipo.
portal-csrf-title = Solicitud no aceptada
portal-csrf-sign-out = Este formulario no se envió desde su página actual del portal. No se cambió nada; use el botón Cerrar sesión en la parte superior de la página.
portal-csrf-form = Este formulario no se envió desde su página actual del portal. No se cambió nada; abra la página otra vez e inténtelo de nuevo.
portal-back-to-patients = Volver a mis pacientes

## Por qué se rechazó un formulario

portal-refusal-forbidden = No tiene permiso para hacer esto.
portal-refusal-not-found = Ese registro no existe.
portal-refusal-failed = No se guardó nada; inténtelo de nuevo.
portal-refusal-invalid = Algo del formulario no es válido; revise lo que escribió e inténtelo de nuevo.
portal-refusal-conflict = Esto choca con lo que ya está guardado; no se cambió nada.
portal-refusal-date-missing = Falta una fecha.
portal-refusal-choice-missing = Falta elegir una opción.
portal-refusal-target-not-number = La meta semanal es un número de horas.
portal-refusal-target-too-long = La meta semanal es más larga que una semana.
portal-refusal-choose-level = Elija un nivel de atención.
portal-refusal-choose-kind = Elija un tipo de sesión.
portal-refusal-minutes-needed = Para «llegó tarde» y «se fue antes» indique los minutos que faltó.
portal-refusal-choose-mark = Elija cómo asistió el paciente.
portal-refusal-not-started = La sesión todavía no ha empezado.
portal-refusal-session-cancelled = La sesión se canceló.
portal-refusal-minutes-range = Los minutos de retraso o de salida anticipada deben ser más de 0 y menos que la duración de la sesión.
portal-refusal-aftercare-at-discharge = La atención de seguimiento empieza con el alta.
portal-refusal-before-program-start = El cambio tiene una fecha anterior al inicio del programa.
portal-refusal-discharged = El paciente ya recibió el alta.
portal-refusal-after-current-level = El cambio debe tener una fecha posterior al inicio del nivel actual.
portal-refusal-no-level-to-end = El paciente no tiene un nivel de atención que terminar.
portal-refusal-discharge-before-level = La fecha del alta es anterior al inicio del nivel actual.
portal-refusal-check-in-time-missing = La hora del control no existe en la zona horaria en uno de los días.
portal-refusal-date-format = Las fechas se escriben AAAA-MM-DD.
portal-refusal-time-format = Las horas se escriben HH:MM.
portal-refusal-report-dates = Un informe necesita una fecha de inicio y una de fin.
portal-refusal-place-or-link = Indique un lugar o un enlace de video, no ambos.
portal-refusal-weekdays = Los días de la semana van de lunes a domingo.
portal-refusal-end-date-weekdays = Una fecha de fin necesita días de la semana en los que repetir.
portal-refusal-name-part = Cada parte del nombre debe tener de 1 a 200 caracteres.
portal-refusal-program-name = El nombre del programa debe tener de 1 a 200 caracteres.
portal-refusal-time-zone = La zona horaria no es un nombre de zona IANA.
portal-refusal-program-aftercare = Un programa empieza en un nivel de atención, no en atención de seguimiento.
portal-refusal-overlap = El paciente ya tiene una sesión a esa hora.
portal-refusal-end-before-first = La fecha de fin es anterior al primer día.
portal-refusal-weeks = Las semanas deben ser de 1 a 52.
portal-refusal-target-below-minimum = La meta semanal está por debajo del mínimo del nivel.
portal-refusal-outpatient-needs-target = La atención ambulatoria necesita una meta semanal.
portal-refusal-outpatient-range = Una meta semanal de atención ambulatoria es de más de 0 y menos de 9 horas.
portal-refusal-aftercare-no-target = La atención de seguimiento no tiene meta semanal.
portal-refusal-end-after-start-same-day = Una sesión debe terminar después de empezar, el mismo día.
portal-refusal-no-day-in-range = Ningún día de ese período cae en los días de la semana elegidos.
portal-refusal-session-time-missing = Una hora de sesión no existe en la zona horaria en uno de los días.
portal-refusal-topic = Un tema tiene de 1 a 200 caracteres.
portal-refusal-place = Un lugar tiene de 1 a 200 caracteres.
portal-refusal-video-link = Un enlace de video es una dirección https:// de menos de 200 caracteres.
portal-refusal-report-end = La fecha de fin es anterior a la fecha de inicio.
portal-refusal-report-year = Un informe abarca como máximo un año.
portal-refusal-reason = Indique un motivo de 1 a 200 caracteres.
portal-refusal-already-cancelled = La sesión ya está cancelada.
portal-refusal-end-after-start = Una sesión debe terminar después de empezar.
portal-refusal-twelve-hours = Una sesión dura como máximo 12 horas.
portal-refusal-move-later = Solo se puede mover una sesión que no ha empezado, y solo a una hora posterior.
portal-refusal-time-not-in-zone = Esa hora no existe en la zona horaria del programa ese día.
portal-refusal-password-short = La contraseña debe tener al menos 12 caracteres.
portal-refusal-password-long = La contraseña debe tener como máximo 1024 bytes.
portal-refusal-email = El correo electrónico debe tener forma de dirección.
portal-refusal-display-name = El nombre debe tener de 1 a 200 caracteres.
portal-refusal-email-taken = Ya existe una cuenta del personal con este correo electrónico.
portal-refusal-language = Elija inglés o español.

## Inicio de sesión

portal-sign-in-title = Iniciar sesión
portal-sign-in-timed-out = Se cerró su sesión tras 15 minutos sin actividad. Inicie sesión de nuevo para continuar.
portal-sign-in-signed-out = Ha cerrado la sesión.
portal-sign-in-wrong = El correo electrónico o la contraseña no son correctos.
portal-sign-in-locked = Demasiados intentos fallidos. El inicio de sesión está en pausa para esta cuenta; inténtelo de nuevo en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
portal-sign-in-expired = Este formulario había caducado. Inicie sesión de nuevo.
portal-email = Correo electrónico
portal-password = Contraseña
portal-sign-in-button = Iniciar sesión
portal-sign-in-hint = La administración de su clínica crea las cuentas del personal.

## Mis pacientes y un paciente

portal-my-patients-title = Mis pacientes
portal-patients-empty = Todavía no hay pacientes asignados a su equipo de atención.
portal-patients-caption = Pacientes de su equipo de atención, con las horas de esta semana frente a su meta semanal
portal-col-patient = Paciente
portal-col-hours-this-week = Horas esta semana
portal-col-attended-total = Asistencias en total
portal-col-missed-total = Ausencias en total
portal-hours-of = { $hours } de { $target }
portal-hours-of-target = { $hours } de { $target } horas
portal-hours-a-week = { $hours } horas por semana
portal-hours = { $hours } horas
portal-attendance-heading = Asistencia
portal-summary-this-week = Esta semana:
portal-summary-attended = Sesiones con asistencia:
portal-summary-missed = Sesiones sin asistencia:
portal-no-sessions-yet = Todavía no hay sesiones.
portal-chart-hours-title = Horas de asistencia por semana
portal-chart-hours-desc = Horas de asistencia en cada una de las últimas { $weeks } semanas (sin contar los minutos de retraso ni de salida anticipada), frente a la meta semanal; { $short } de ellas por debajo. La tabla de abajo tiene las mismas cifras.
portal-attendance-by-week = Asistencia por semana
portal-col-week-of = Semana del
portal-col-hours-attended = Horas de asistencia
portal-col-weekly-target = Meta semanal
portal-col-attended = Asistencias
portal-col-missed = Ausencias
portal-week-target-met = { $hours } h, cumplida
portal-week-target-not-met = { $hours } h, no cumplida
portal-level-heading = Nivel de atención
portal-level-none = Todavía no hay un nivel de atención registrado.
portal-level-history = Historial del nivel de atención
portal-col-level = Nivel
portal-col-from = Desde
portal-col-until = Hasta
portal-no-hours-target = Sin meta de horas
portal-open = Abierto
portal-shared-heading = Compartido por el paciente
portal-shared-none = Por ahora no se comparte nada con usted. Las anotaciones aparecen aquí cuando el paciente las comparte y desaparecen cuando revoca el consentimiento o este vence.
portal-shared-on = Compartido el { $signed }, hasta el { $expires }
portal-not-given = sin indicar
portal-purpose = Propósito: { $purpose }. { $count ->
        [one] { $count } anotación.
       *[other] { $count } anotaciones.
    }
portal-purpose-treat = Tratamiento
portal-purpose-hpaymt = Pago
portal-purpose-hoperat = Operaciones de atención médica
portal-purpose-not-stated = sin indicar
portal-part2-heading = Aviso de 42 CFR Part 2.
portal-part2-notice = Este registro proviene de registros de tratamiento de trastornos por consumo de sustancias protegidos por las normas federales de confidencialidad (42 CFR Part 2). Esas normas le prohíben divulgarlo de nuevo, salvo que el consentimiento escrito del paciente lo permita de forma expresa o que Part 2 lo permita de otro modo. Una autorización general para divulgar información médica o de otro tipo no basta para este fin. La ley federal también restringe cualquier uso de este registro para investigar o procesar penalmente al paciente por un delito o para presentar cargos penales en su contra.

## Anotaciones compartidas: tipos, gráficos, preguntas y respuestas codificadas

portal-kind-craving = Registro de deseo de consumir
portal-kind-halt = Revisión HALT
portal-kind-urge = Surfear el impulso
portal-kind-craving-plural = Registros de deseo de consumir
portal-kind-halt-plural = Revisiones HALT
portal-kind-urge-plural = Sesiones de surfear el impulso
portal-entry-heading = { $kind }, { $when }
portal-date-not-given = Fecha sin indicar
portal-yes = Sí
portal-no = No
portal-chart-craving-title = Intensidad del deseo de consumir
portal-chart-craving-desc = Intensidad de 0 a 10 de { $count } registros de deseo de consumir compartidos, del más antiguo al más reciente. La tabla de abajo tiene las mismas cifras.
portal-craving-caption = Registros de deseo de consumir
portal-col-when = Cuándo
portal-col-intensity = Intensidad (0 a 10)
portal-col-outcome = Resultado
portal-chart-halt-title = Necesidades HALT señaladas
portal-chart-halt-desc = En cuántas de { $count } revisiones HALT compartidas se calificó cada necesidad con 2 o 3 de 3. La tabla de abajo tiene las mismas cifras.
portal-halt-caption = Revisiones HALT: necesidades calificadas con 2 o 3
portal-col-need = Necesidad
portal-col-checks = Revisiones
portal-count-of = { $count } de { $total }
portal-halt-hungry = Hambre
portal-halt-angry = Enojo
portal-halt-lonely = Soledad
portal-halt-tired = Cansancio
portal-chart-urge-title = Intensidad a lo largo de la ola
portal-chart-urge-desc = { $count } lecturas de la intensidad del impulso, de 0 a 10, durante la sesión. La tabla de abajo tiene las mismas cifras.
portal-urge-caption = Lecturas durante la sesión
portal-col-time-since-start = Tiempo desde el inicio
portal-minutes-short = { $minutes } min
portal-minutes-seconds = { $minutes } min { $seconds } s

portal-q-craving-occurred-at = ¿Cuándo ocurrió el deseo de consumir?
portal-q-craving-situation = ¿Cuál era la situación?
portal-q-craving-thoughts-and-feelings = Pensamientos y sentimientos
portal-q-craving-intensity = ¿Qué tan fuerte fue (de 0 a 10)?
portal-q-craving-duration-minutes = ¿Cuánto duró (minutos)?
portal-q-craving-coping = ¿Qué hizo para sobrellevarlo?
portal-q-craving-outcome = Resultado
portal-q-craving-trigger = Detonantes
portal-q-craving-notes = Notas
portal-q-halt-taken-at = ¿Cuándo se hizo la revisión?
portal-q-halt-hungry = Hambre (0 nada a 3 mucha)
portal-q-halt-angry = Enojo (0 nada a 3 mucho)
portal-q-halt-lonely = Soledad (0 nada a 3 mucha)
portal-q-halt-tired = Cansancio (0 nada a 3 mucho)
portal-q-halt-note = Nota
portal-q-urge-started-at = Inicio
portal-q-urge-ended-at = Fin
portal-q-urge-intensity-start = Intensidad al inicio (0 a 10)
portal-q-urge-intensity-peak = Intensidad en el punto más alto (0 a 10)
portal-q-urge-intensity-end = Intensidad al final (0 a 10)
portal-q-urge-variant = Forma guiada
portal-q-urge-steps-completed = Pasos recorridos
portal-q-urge-outcome = Resultado
portal-q-urge-sample = Intensidad a lo largo de la ola
portal-q-urge-notes = Notas

portal-code-craving-outcome-not-yet-recorded = Todavía sin registrar
portal-code-craving-outcome-did-not-use = No consumió
portal-code-craving-outcome-used = Volvió a consumir
portal-code-urge-outcome-not-yet-recorded = Todavía sin registrar
portal-code-urge-outcome-rode-it-out = Surfeó el impulso hasta que pasó
portal-code-urge-outcome-acted-on-urge = Actuó según el impulso
portal-code-surf-variant-wave = La ola de surfear el impulso
portal-code-surf-variant-sober = S.O.B.E.R.
portal-code-surf-step-notice-and-name = Notar el impulso y ponerle nombre
portal-code-surf-step-observe-body = Observarlo en el cuerpo y en los pensamientos
portal-code-surf-step-breathe = Respirar
portal-code-surf-step-ride-the-wave = Surfear la ola
portal-code-surf-step-notice-it-fall = Notar cómo baja
portal-code-surf-step-stop = Detenerse
portal-code-surf-step-observe = Observar
portal-code-surf-step-expand-awareness = Ampliar la conciencia
portal-code-surf-step-respond-mindfully = Responder con atención plena

## Palabras de la atención

portal-level-iop = Programa ambulatorio intensivo (ASAM 2.1)
portal-level-iop-adolescent = Programa ambulatorio intensivo para adolescentes (ASAM 2.1)
portal-level-partial-hospitalization = Hospitalización parcial (ASAM 2.5)
portal-level-outpatient = Atención ambulatoria (ASAM 1)
portal-level-aftercare = Atención de seguimiento
portal-kind-group-therapy = Terapia de grupo
portal-kind-individual = Sesión individual
portal-kind-family = Sesión familiar
portal-kind-psychoeducation = Psicoeducación
portal-kind-medication-management = Manejo de medicamentos
portal-kind-aftercare-check-in = Control de atención de seguimiento
portal-mark-attended = Asistió
portal-mark-late = Llegó { $minutes } min tarde
portal-mark-left-early = Se fue { $minutes } min antes
portal-mark-no-show = No se presentó
portal-mark-excused = Ausencia justificada
portal-mark-option-late = Llegó tarde
portal-mark-option-left-early = Se fue antes
portal-answer-coming = Asistirá
portal-answer-not-coming = No podrá asistir
portal-answer-none = Todavía sin respuesta

## Hoy

portal-today-heading = Sesiones del { $date }
portal-days-label = Días
portal-previous-day = Día anterior
portal-next-day = Día siguiente
portal-go-to-date = Ir a la fecha
portal-show = Mostrar
portal-today-empty = No hay sesiones programadas este día.
portal-topic = Tema: { $topic }
portal-cancelled = Cancelada: { $reason }
portal-moved = Cambiada de hora: { $reason }
portal-booked-unrecorded = { $booked } con cita · { $unrecorded } por registrar
portal-not-recorded-lower = sin registrar
portal-not-recorded = Sin registrar
portal-video-link = Enlace de video
portal-no-place = Sin lugar indicado

## Pendientes

portal-worklist-below = Por debajo de su meta semanal esta semana
portal-worklist-below-empty = Por ahora todos están en su meta o por encima.
portal-col-target = Meta
portal-col-hours = Horas de asistencia
portal-col-session = Sesión
portal-worklist-missed = Ausencias en los últimos 7 días
portal-worklist-missed-empty = No hay ausencias en los últimos 7 días.
portal-worklist-unanswered = Invitaciones sin respuesta para las próximas 24 horas
portal-worklist-unanswered-empty = Todas las invitaciones de las próximas 24 horas tienen respuesta.
portal-worklist-unrecorded = Sesiones terminadas sin asistencia registrada
portal-worklist-unrecorded-empty = La asistencia está registrada en todas las sesiones que han terminado.
portal-to-record = { $count } por registrar

## Programas

portal-programs-empty = Todavía no hay programas.
portal-col-program = Programa
portal-col-time-zone = Zona horaria
portal-col-level-of-care = Nivel de atención
portal-program-create-heading = Crear un programa
portal-program-name = Nombre del programa
portal-program-zone = Zona horaria (nombre IANA)
portal-level-of-care = Nivel de atención
portal-target-optional = Meta semanal en horas (opcional)
portal-program-create = Crear programa
portal-sessions-heading = Sesiones
portal-sessions-empty = No hay sesiones en las próximas cuatro semanas.
portal-col-kind = Tipo
portal-col-topic = Tema
portal-col-place = Lugar
portal-col-status = Estado
portal-booked = { $count } con cita
portal-member-heading = Agregar un paciente a este programa
portal-patient = Paciente
portal-member-add = Agregar al programa
portal-report-heading = Informe de asistencia (CSV)
portal-from = Desde
portal-to = Hasta
portal-report-download = Descargar CSV
portal-schedule-heading = Programar sesiones
portal-schedule-hint = Elija días de la semana para una serie, o ninguno para una sola sesión el primer día.
portal-kind-of-session = Tipo de sesión
portal-first-day = Primer día
portal-weekdays = Días de la semana
portal-start-time = Hora de inicio
portal-end-time = Hora de fin
portal-weeks = Número de semanas
portal-end-date = O fecha de fin
portal-topic-optional = Tema (opcional)
portal-place-optional = Lugar (opcional)
portal-video-optional = O enlace de video (opcional)
portal-schedule = Programar

## Una sesión

portal-roster-heading = Lista de pacientes
portal-roster-empty = No hay pacientes a su cargo con cita en esta sesión.
portal-roster-caption = Pacientes, su respuesta en la aplicación y su asistencia
portal-col-answer = Respuesta
portal-col-attendance = Asistencia
portal-col-hours-counted = Horas contadas
portal-col-record-attendance = Registrar asistencia
portal-answered-at = respondió el { $when }
portal-attendance-for = Asistencia de { $name }
portal-minutes-late-or-early = Minutos de retraso o de salida anticipada
portal-for-name = de { $name }
portal-record = Registrar
portal-after-start = Cuando empiece la sesión
portal-roster-cancelled-heading = Canceladas para estos pacientes
portal-cancelled-discharged = Alta del programa
portal-cancelled-no-reason = sin motivo indicado
portal-cancel-heading = Cancelar esta sesión
portal-cancel-reason = Motivo (los pacientes lo ven)
portal-cancel-session = Cancelar la sesión
portal-move-heading = Cambiar esta sesión de día u hora
portal-new-day = Nuevo día
portal-move-reason = Motivo (los pacientes ven la nueva hora)
portal-move-session = Cambiar la sesión

## Los pacientes de la clínica y la administración de un paciente

portal-clinic-patients-empty = Todavía no hay pacientes.
portal-patient-add-heading = Agregar un paciente
portal-given-name = Nombre
portal-family-name = Apellido
portal-patient-add = Agregar paciente
portal-connect-heading = Conectar la aplicación
portal-code-shown-once = Código de inscripción (se muestra una sola vez; sirve durante 15 minutos):
portal-code-qr = Código QR del código de inscripción
portal-code-create = Crear código de inscripción
portal-devices-heading = Dispositivos
portal-devices-empty = No hay ningún dispositivo conectado.
portal-device-line = Dispositivo { $id }, conectado el { $date }
portal-device-revoked = · revocado el { $date }
portal-device-revoke = Revocar el dispositivo { $id }
portal-care-team-heading = Equipo de atención
portal-care-team-empty = Todavía no hay nadie en el equipo de atención.
portal-care-team-add-heading = Agregar al equipo de atención
portal-staff-member = Miembro del personal
portal-care-team-add = Agregar al equipo de atención
portal-discharged-on = Alta el { $date }. Los controles de atención de seguimiento están programados 30, 60 y 90 días después.
portal-set-level-heading = Fijar o bajar el nivel de atención
portal-program = Programa
portal-target-outpatient = Meta semanal en horas (obligatoria en atención ambulatoria)
portal-level-save = Guardar el nivel de atención
portal-discharge-heading = Alta
portal-discharge-hint = Los controles de atención de seguimiento se programan 30, 60 y 90 días después del alta.
portal-discharge-date = Fecha del alta
portal-check-in-time = Hora del control
portal-discharge = Dar de alta
portal-care-team-remove = Quitar a { $name }
portal-care-team-confirm-heading = ¿Quitar a { $staff } del equipo de atención de { $name }?
portal-care-team-confirm-effect = A partir de entonces, { $staff } ya no verá nada de lo que { $name } comparta con el equipo de atención. Una persona administradora puede volver a agregarle más adelante.
portal-care-team-confirm-yes = Sí, quitar del equipo de atención
portal-device-confirm-heading = ¿Quitar el dispositivo { $id }?
portal-device-confirm-connected = El dispositivo { $id } se conectó para { $name } el { $date }.
portal-device-confirm-effect = Una vez quitado, ya no podrá sincronizar ni actuar en nombre de { $name }. Para volver a usarlo, { $name } deberá inscribirlo con un código nuevo.
portal-device-confirm-yes = Sí, quitar este dispositivo
portal-discharge-confirm-heading = ¿Dar de alta a { $name }?
portal-discharge-confirm-date = { $name } recibirá el alta el { $date }: el nivel de atención actual termina ese día y comienza la atención de seguimiento, con controles 30, 60 y 90 días después a las { $time }.
portal-discharge-confirm-cancelled = { $count ->
        [0] No se cancelará ninguna cita posterior.
        [one] Se cancelará 1 cita posterior.
       *[other] Se cancelarán { $count } citas posteriores.
    }
portal-discharge-confirm-programs = Dejará estos programas: { $programs }.
portal-discharge-confirm-no-programs = No es miembro de ningún programa.
portal-discharge-confirm-yes = Sí, dar de alta
portal-confirm-final = Esta acción no se puede deshacer.
portal-confirm-back = Cancelar

## Personal

portal-staff-title = Personal
portal-staff-admin = { $name } (administrador o administradora)
portal-staff-counselor = { $name } (consejero o consejera)
portal-staff-add-heading = Agregar una cuenta del personal
portal-staff-name = Nombre
portal-staff-password = Contraseña inicial (al menos 12 caracteres)
portal-staff-admin-check = Administración (gestiona el personal, los programas, la inscripción y los niveles de atención)
portal-staff-add = Agregar cuenta del personal
