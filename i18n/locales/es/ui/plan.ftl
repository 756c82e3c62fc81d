# Pantalla «Mi plan» (ui/src/screens/Plan.svelte) y ui/src/lib/plan.ts.

plan-title = Mi plan
plan-intro = Su plan de prevención de recaídas y las personas que le apoyan. Revíselo de vez en cuando con su consejero o consejera.
plan-saved = Su plan está guardado.
plan-contact-saved = Contacto guardado.

## Editing the plan
plan-edit-title = Editar mi plan
plan-triggers-title = Detonantes y lo que haré
plan-trigger = Detonante { $number }
plan-trigger-source = De dónde viene
plan-trigger-step = Lo que haré
plan-add-trigger = Agregar un detonante
plan-one-per-line = En los cuadros de abajo, ponga una cosa en cada línea.
plan-warning-signs = Señales de alerta tempranas
plan-places = Lugares que evitar
plan-instead = Cosas que puedo hacer en su lugar
plan-meetings = Reuniones
plan-meetings-hint = Nombre; cuándo; dónde. Por ejemplo: Grupo de la tarde; martes 7 p. m.; Centro comunitario
plan-after-lapse-label = Si vuelvo a consumir, haré esto
plan-reviewed-today = Hoy revisé este plan con mi consejero o consejera
plan-save = Guardar el plan
plan-cancel = Cancelar

## Reading the plan
plan-nothing-yet = Todavía no hay nada aquí.
plan-after-lapse-title = Si vuelvo a consumir
plan-after-lapse-empty = Todavía no hay nada aquí. Ayuda decidir con tiempo a quién se lo dirá y qué hará después.
plan-last-reviewed = Revisado por última vez con su consejero o consejera: { $when }
plan-last-reviewed-today = Revisado por última vez con su consejero o consejera: hoy
plan-last-reviewed-yesterday = Revisado por última vez con su consejero o consejera: ayer
plan-edit = Editar mi plan

## Support contacts
plan-contacts-title = Contactos de apoyo
plan-edit-contact = Editar el contacto
plan-add-contact = Agregar un contacto
plan-contact-name = Nombre
plan-contact-role = Quién es para usted
plan-contact-phone = Teléfono
plan-contact-can-text = Puedo enviarle mensajes de texto a esta persona
plan-contact-notes = Notas
plan-save-contact = Guardar el contacto
plan-edit-label = Editar a { $name }
plan-edit-button = Editar
plan-remove-label = Quitar a { $name }
plan-remove-question = ¿Quitar a { $name } de sus contactos?
plan-remove-confirm = Quitar el contacto

## Words of ui/src/lib/plan.ts
plan-source-internal = Dentro de mí (un sentimiento, un pensamiento)
plan-source-external = A mi alrededor (personas, lugares, cosas)
plan-source-halt-hungry = HALT: hambre
plan-source-halt-angry = HALT: enojo
plan-source-halt-lonely = HALT: soledad
plan-source-halt-tired = HALT: cansancio
plan-source-short-internal = Dentro de mí
plan-source-short-external = A mi alrededor
plan-role-sponsor = Padrino o madrina
plan-role-counselor = Consejero o consejera
plan-role-family = Familiar
plan-role-friend = Amigo o amiga
plan-role-peer = Compañero o compañera en recuperación
plan-role-other = Otra persona
