# Primer inicio (ui/src/screens/FirstRun.svelte): el idioma, la bienvenida, la frase de contraseña,
# el inicio del programa y la clave de recuperación.

first-run-language-title = Elija su idioma
first-run-language-text = Tideline le hablará en este idioma. Puede cambiarlo cuando quiera en Ajustes.
first-run-language-legend = Idioma
first-run-welcome-title = Le damos la bienvenida a Tideline
first-run-welcome-intro = Tideline le acompaña, en privado, en el tiempo entre sus sesiones de tratamiento.
first-run-welcome-keeps = Aquí se guardan su diario de deseos de consumir, sus revisiones HALT, las veces que surfea el impulso, sus sesiones con la clínica y su plan de recuperación.
first-run-welcome-device = Todo se queda en este dispositivo, protegido con una frase de contraseña que solo usted conoce.
first-run-welcome-share = Nada sale de este dispositivo a menos que usted decida compartirlo.
first-run-get-started = Empezar
first-run-passphrase-title = Elija una frase de contraseña
first-run-passphrase-text = Unas cuantas palabras que signifiquen algo para usted, como una frase corta, son fáciles de recordar y difíciles de adivinar.
first-run-passphrase-label = Frase de contraseña
first-run-repeat-label = Escríbala otra vez
first-run-mismatch = Las dos frases de contraseña todavía no son iguales.
first-run-read-this = Por favor, lea esto.
first-run-read-this-text = Sus anotaciones se cifran con esta frase de contraseña. También recibirá una clave de recuperación. Si pierde tanto la frase de contraseña como la clave de recuperación, nadie podrá abrir sus datos, ni siquiera nosotros.
first-run-understand = Lo entiendo
first-run-start-title = ¿Cuándo empezó su programa?
first-run-start-label = Fecha de inicio del programa
first-run-start-hint = Sirve para mostrar en qué día de su programa está. Puede cambiarla más adelante.
first-run-creating = Creando su espacio privado…
first-run-create = Crear mi espacio privado
first-run-key-title = Su clave de recuperación
first-run-key-text-before = Si alguna vez olvida su frase de contraseña, esta clave abre sus datos. Se muestra
first-run-key-text-once = solo esta vez
first-run-key-text-after = . Anótela en papel y guárdela en un lugar seguro y privado.
first-run-key-label = Clave de recuperación, grupo por grupo
first-run-key-written = Ya la anoté
first-run-check-title = Compruebe su clave de recuperación
first-run-check-label = Escriba el grupo { $group } de su clave de recuperación
first-run-check-hint = Los grupos se cuentan desde la izquierda. Da igual si usa mayúsculas o minúsculas.
first-run-check-mismatch = Eso no coincide con la clave que se mostró. Vuelva a mirarla; está en el paso anterior.
first-run-confirm = Confirmar
first-run-show-again = Ver la clave otra vez
