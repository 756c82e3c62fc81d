# La pantalla de bloqueo (ui/src/screens/Unlock.svelte).

unlock-title = Tideline está bloqueada
unlock-passphrase-label = Frase de contraseña
unlock-wrong-passphrase = Esa frase de contraseña no desbloqueó Tideline. Revise que las mayúsculas no estén activadas e inténtelo de nuevo.
unlock-wrong-key = Esa clave de recuperación no desbloqueó Tideline. Revise cada grupo e inténtelo de nuevo.
unlock-locked-out = Hubo varios intentos seguidos, así que Tideline hace una pausa antes del siguiente.
unlock-wrong-biometric = La huella o el reconocimiento facial no abrió Tideline. Puede escribir su frase de contraseña.
# $seconds: cuánto falta para el próximo intento; el número se muestra en negrita.
unlock-wait-before = Podrá intentarlo de nuevo en
unlock-wait-seconds =
    { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
unlock-wait-after = .
unlock-unlocking = Desbloqueando…
unlock-unlock = Desbloquear
unlock-use-key = Usar la clave de recuperación
unlock-biometric = Desbloquear con huella o rostro
unlock-recovery-title = Desbloquear con su clave de recuperación
unlock-recovery-text = Escriba la clave de recuperación que anotó y luego elija una nueva frase de contraseña.
unlock-recovery-key-label = Clave de recuperación
unlock-new-passphrase-label = Nueva frase de contraseña
unlock-repeat-label = Escriba otra vez la nueva frase de contraseña
unlock-recover = Desbloquear y guardar la frase
unlock-use-passphrase = Usar la frase de contraseña
# Se muestra una vez tras desbloquear cuando algunas entradas no se abrieron (dañadas en el archivo). $count: cuántas.
unlock-unopened =
    { $count ->
        [one] Esta vez no se pudo abrir una entrada. Se conserva en el archivo sin cambios, y todo lo demás se abrió como siempre. Restaurar una copia de seguridad anterior puede recuperarla.
       *[other] Esta vez no se pudieron abrir { $count } entradas. Se conservan en el archivo sin cambios, y todo lo demás se abrió como siempre. Restaurar una copia de seguridad anterior puede recuperarlas.
    }
unlock-unopened-ok = Entendido
