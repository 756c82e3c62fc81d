# Palabras que comparten varias pantallas (del cargador de la ventana, ui/src/lib/i18n.svelte.ts).

## Cada idioma con su propio nombre (igual en todos los catálogos)
language-name-en = English
language-name-es = Español

common-back = Volver
common-continue = Continuar
common-cancel = Cancelar
common-done = Listo
common-delete = Borrar
common-delete-for-good = Borrar para siempre
common-keep-it = No borrar
common-copy = Copiar
common-copied = Copiado.
common-dismiss = Cerrar
common-show-table = Ver como tabla
common-something-wrong = Algo salió mal. Por favor, inténtelo de nuevo.
common-locked-itself = Tideline se bloqueó. Desbloquéela para continuar.
common-disk-full = El disco está lleno y esto no se guardó. No se perdió nada de lo que ya había guardado.
common-unreachable = Tideline no pudo acceder a su almacenamiento. Por favor, inténtelo de nuevo.
common-open-plan = Abrir mi plan
common-surf-urge = Surfear un impulso
common-not-noted = Sin anotar
common-any = Cualquiera
common-unsure = Todavía no lo sé, o prefiero no decirlo
