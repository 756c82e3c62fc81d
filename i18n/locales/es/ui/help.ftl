# Pedir ayuda ahora (ui/src/screens/Help.svelte). Las líneas de crisis, sus palabras y números vienen del núcleo.

help-title = Pedir ayuda ahora
help-unreachable = Tideline no pudo mostrar las líneas de ayuda en este momento. Por favor, cierre la aplicación y vuelva a abrirla.
help-people-title = Sus personas de apoyo
help-no-contacts = Todavía no agregó contactos de apoyo. Puede agregarlos en Mi plan.
help-call = Llamar a { $name }
help-text = Enviar un mensaje a { $name }
