# El diario de deseos de consumir (ui/src/screens/Cravings.svelte, ui/src/lib/craving-form.ts).

cravings-title = Anotar un deseo de consumir
cravings-title-edit = Editar la anotación
cravings-restored = Tideline se bloqueó mientras usted escribía. Aquí está lo que tenía; no se perdió nada.
cravings-start-over = Empezar de nuevo
cravings-lapse-thanks = Gracias por anotarlo.
cravings-lapse-text = Volver a consumir es algo de lo que se puede aprender, no el final de su progreso. A muchas personas les pasa durante la recuperación.
cravings-lapse-next = Un buen siguiente paso: mire lo que dice su plan para después de volver a consumir, y cuénteselo a alguien de confianza.
cravings-reach-out = Comunicarse con alguien
cravings-staying-safe = Mantenerse a salvo
cravings-saved = Guardado.
cravings-saved-text = Notar un deseo de consumir y ponerle nombre es una verdadera habilidad. Bien hecho.
cravings-surf-this = Surfear este impulso
cravings-do-halt = Hacer una revisión HALT
cravings-intensity-label = ¿Qué tan fuerte es? (de 0 a 10)
cravings-intensity-problem = Primero elija qué tan fuerte es: toque o deslice el control.
cravings-triggers-legend = ¿Qué lo detonó? Elija todo lo que corresponda.
cravings-other-label = Otra cosa
cravings-part-label = Momento del día
cravings-more-detail = Agregar más detalles
cravings-when-label = Cuándo
cravings-situation-label = ¿Dónde estaba y qué estaba pasando?
cravings-thoughts-label = Pensamientos y sentimientos
cravings-minutes-label = ¿Cuánto duró? (minutos)
cravings-coping-label = ¿Qué hizo para afrontarlo?
cravings-outcome-legend = ¿Cómo le fue?
cravings-outcome-did-not-use = No consumí
cravings-outcome-used = Volví a consumir
cravings-people-label = Personas involucradas
cravings-places-label = Lugares
cravings-emotions-label = Emociones
cravings-comma-hint = Separe varios con comas.
cravings-notes-label = Notas
cravings-save-changes = Guardar los cambios
cravings-save-entry = Guardar la anotación
cravings-cancel-edit = Cancelar la edición
cravings-entries-title = Sus anotaciones
cravings-filter = Filtrar y buscar
cravings-search = Buscar
cravings-from = Desde
cravings-to = Hasta
cravings-min-intensity = Intensidad mínima
cravings-max-intensity = Intensidad máxima
cravings-trigger = Detonante
cravings-outcome = Resultado
cravings-filter-did-not-use = No consumió
cravings-filter-lapse = Volvió a consumir
cravings-clear-filters = Quitar los filtros
# $total: anotaciones que cumplen los filtros; $journal: anotaciones del diario; $shown: las que se ven.
cravings-count =
    { $journal ->
        [one] { $total } de { $journal } anotación
       *[other] { $total } de { $journal } anotaciones
    }
cravings-count-showing =
    { $journal ->
        [one] { $total } de { $journal } anotación; se ven las { $shown } más recientes
       *[other] { $total } de { $journal } anotaciones; se ven las { $shown } más recientes
    }
cravings-intensity = Intensidad { $intensity }
cravings-when = { $day }, { $time }
cravings-tag-lapse = Volvió a consumir: lo anotó para aprender de ello
cravings-tag-did-not-use = No consumió
cravings-coped-by = Lo afrontó así: { $coping }
cravings-edit = Editar
cravings-edit-label = Editar la anotación: { $day }, { $time }
cravings-delete-question = ¿Borrar esta anotación para siempre? No se podrá recuperar.
cravings-show-more = Ver { $count } más
