# Pantalla de sesiones (ui/src/screens/Sessions.svelte) y ui/src/lib/sessions.ts
# (la pantalla de inicio también muestra sus palabras de tipo y de respuesta).

sessions-title = Sesiones
sessions-unsaved = Su respuesta a un recordatorio de { $session } no se guardó. { $problem } Por favor, responda otra vez abajo.
sessions-a-session = una sesión
sessions-dismiss = Descartar

## The form
sessions-edit-title = Editar la sesión
sessions-add = Agregar una sesión
sessions-date = Fecha
sessions-starts = Empieza
sessions-ends = Termina
sessions-kind = Tipo
sessions-name = Nombre (opcional)
sessions-place = Lugar o enlace de video (opcional)
sessions-save = Guardar la sesión
sessions-cancel = Cancelar

## A session
sessions-when = { $start } a { $end }
sessions-when-where = { $start } a { $end } · { $venue }
sessions-join-video = Unirme a la videollamada
sessions-meta = { $kind } · { $response }
sessions-meta-own = { $kind } · { $response } · agregada por usted
sessions-answer-label = Su respuesta para el { $when }
sessions-respond-accepted = Allí estaré
sessions-respond-tentative = Tal vez
sessions-respond-declined = No puedo ir
sessions-self-label = Su propio registro del { $when } (según usted)
sessions-was-there = Estuve allí
sessions-was-not-there = No estuve allí
sessions-clear-mark = Quitar mi marca
sessions-edit = Editar
sessions-edit-label = Editar la sesión del { $when }
sessions-remove = Quitar
sessions-remove-question = ¿Quitar esta sesión de su lista?
sessions-remove-confirm = Quitar la sesión

## Lists
sessions-upcoming = Próximas
sessions-no-upcoming = No hay próximas sesiones.
sessions-past = Pasadas
sessions-no-past = Todavía no hay sesiones pasadas.

## Words of ui/src/lib/sessions.ts
sessions-response-accepted = Va a ir
sessions-response-declined = No puede ir
sessions-response-tentative = Tal vez vaya
sessions-response-needs-action = Sin responder todavía
sessions-kind-group = Grupal
sessions-kind-individual = Individual
sessions-kind-family = Familiar
sessions-kind-psychoeducation = Educativa
sessions-kind-medication-management = Medicación
sessions-kind-aftercare-check-in = Control de seguimiento
sessions-kind-other = Otra
# A session without a name, by its kind.
sessions-untitled-group = Sesión de grupo
sessions-untitled-individual = Sesión individual
sessions-untitled-family = Sesión familiar
sessions-untitled-psychoeducation = Sesión educativa
sessions-untitled-medication-management = Sesión de medicación
sessions-untitled-aftercare-check-in = Control de atención de seguimiento
sessions-untitled-other = Otra sesión
sessions-video-call = Videollamada
