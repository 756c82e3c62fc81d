# Piezas compartidas (ui/src/components/*).

## Intensity.svelte: el control de 0 a 10
intensity-word =
    { $value ->
        [0] nada
        [1] leve
        [2] leve
        [3] leve
        [4] moderada
        [5] moderada
        [6] moderada
        [7] fuerte
        [8] fuerte
       *[other] muy fuerte
    }
intensity-value-text = { $value } de 10, { $word }
intensity-not-chosen = todavía sin elegir
intensity-not-chosen-shown = Todavía sin elegir

## LockedCapture.svelte: escribir desde la pantalla de bloqueo
locked-capture-summary = Anotar algo sin desbloquear
locked-capture-saved = Guardado y bloqueado. Se sumará a su diario cuando desbloquee; aquí no se puede leer nada sin su frase de contraseña.
locked-capture-another = Anotar otro
locked-capture-text = Un deseo de consumir, ahora mismo. Se protege de inmediato y se agrega a su diario la próxima vez que desbloquee.
locked-capture-happening = ¿Qué está pasando? (opcional)
locked-capture-save = Guardar sin desbloquear

## Strength.svelte: la solidez de la frase de contraseña (el aviso y las sugerencias vienen del núcleo)
strength-0 = Muy débil
strength-1 = Débil
strength-2 = Regular
strength-3 = Buena
strength-4 = Fuerte
strength-not-enough = { $word }: todavía no es suficiente
