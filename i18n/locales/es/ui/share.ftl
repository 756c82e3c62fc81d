# Pantalla para compartir (ui/src/screens/Share.svelte) y ui/src/lib/share.ts.

share-title = Compartir con mi terapeuta
share-loading = Cargando…

## Preview and consent
share-preview-title = Lo que se enviará
share-preview-intro =
    { $count ->
        [one] { $count } anotación, tal como la verá su equipo de atención en { $clinic }.
       *[other] { $count } anotaciones, tal como las verá su equipo de atención en { $clinic }.
    }
share-consent-title = Su consentimiento
share-agree = Leí este consentimiento y lo firmo
share-sign-passphrase = Su frase de contraseña, para firmar
share-sign = Firmar y compartir
share-sending = Enviando…
share-change = Cambiar lo que comparto

## Results
share-sent =
    { $count ->
        [one] Compartió { $count } anotación con su equipo de atención en { $clinic }. Pueden verla hasta el { $until }, a menos que usted revoque este permiso.
       *[other] Compartió { $count } anotaciones con su equipo de atención en { $clinic }. Pueden verlas hasta el { $until }, a menos que usted revoque este permiso.
    }
share-offline = Su consentimiento está firmado y guardado en este dispositivo, pero no se pudo comunicar con la clínica, así que todavía no se compartió nada. Envíelo de nuevo desde la lista de abajo cuando tenga conexión.
share-wrong-passphrase = Esa no es su frase de contraseña. Escríbala otra vez para firmar.
share-pdf-saved = PDF guardado. No está cifrado: guárdelo en un lugar privado o bórrelo cuando termine.
share-resent = Enviado. Su equipo de atención ya puede ver estas anotaciones.
share-revoked = Revocado. Su equipo de atención ya no puede ver estas anotaciones.

## Choosing
share-not-connected = Al compartir, las anotaciones que usted elija se envían a su equipo de atención en su clínica. Primero conecte este dispositivo con su clínica. Mientras tanto, puede guardar anotaciones en un PDF para llevarlo a una sesión.
share-go-to-clinic = Ir a Clínica
share-choose-with = Elija qué compartir con { $clinic }
share-your-clinic = su clínica
share-choose-entries = Elegir anotaciones
share-choose-intro = Solo se envía lo que usted elige, y solo después de que lea y firme el consentimiento. Puede revocarlo en cualquier momento.
share-mode-legend = Compartir
share-mode-range = Todo lo de algunos días
share-mode-pick = Anotaciones sueltas que yo elija
share-from = Desde
share-until = Hasta
share-kinds-legend = Tipos de anotaciones
share-entries-legend = Anotaciones
share-no-entries = Todavía no hay registros de deseos de consumir, revisiones HALT ni ejercicios de surfear el impulso.
share-expires = El permiso termina el
share-preview = Ver antes lo que se enviará
share-save-pdf = Guardar como PDF

## What was shared
share-list-title = Lo que ha compartido
share-signed =
    { $count ->
        [one] Firmado el { $when }: { $count } anotación
       *[other] Firmado el { $when }: { $count } anotaciones
    }
share-with-team = Con su equipo de atención en { $clinic }
share-what-shared = Lo que se compartió
share-consent-signed = El consentimiento que firmó
share-viewers-title = Quién vio estas anotaciones
share-no-views = Nadie en la clínica las ha visto todavía.
share-viewed =
    { $count ->
        [one] { $who } vio { $count } anotación el { $when }
       *[other] { $who } vio { $count } anotaciones el { $when }
    }
share-who-viewed = Quién las vio
share-who-viewed-label = Quién vio las anotaciones compartidas el { $when }
share-send-again = Enviar de nuevo
share-revoke = Revocar
share-revoke-question = ¿Revocar este consentimiento? Su equipo de atención ya no podrá ver estas anotaciones. Lo que ya se vio no se puede deshacer.
share-revoke-confirm = Revocar el consentimiento
share-state-until = Compartido hasta el { $date }
share-state-ended-on = Terminó el { $date }

## Words of ui/src/lib/share.ts
share-kind-craving = Registros de deseos de consumir
share-kind-halt = Revisiones HALT
share-kind-urge = Ejercicios de surfear el impulso
share-state-sending = Sin enviar todavía
share-state-active = Compartido
share-state-revoked = Revocado
share-state-expired = Terminado
share-problem-pick = Elija al menos una anotación.
share-problem-kind = Elija al menos un tipo de anotación.
share-problem-dates = La fecha de inicio es posterior a la fecha final.
share-problem-expiry = Elija cuándo termina el permiso.
share-entry-craving = Registro de deseo de consumir, { $when }, intensidad { $intensity } de 10
share-entry-halt = Revisión HALT, { $when }
share-entry-urge = Surfear el impulso, { $when }
