# Pantalla de la clínica (ui/src/screens/Clinic.svelte) y ui/src/lib/clinic.ts.

clinic-title = Clínica
clinic-loading = Cargando…

## Connecting
clinic-connect-title = Conectarme con mi clínica
clinic-connect-again-title = Conectarme de nuevo
clinic-connect-intro = Su clínica le da su dirección y un código de un solo uso. Una vez conectado este dispositivo, el horario de sus sesiones llega aquí, y sus respuestas («Allí estaré», «No puedo ir») van a la clínica. Su diario, sus revisiones HALT y sus ejercicios de surfear el impulso se quedan en este dispositivo.
clinic-address = Dirección de la clínica
clinic-address-placeholder = clinica.ejemplo
clinic-code = Código de la clínica
clinic-connect-submit = Conectarme con mi clínica
clinic-connect-again-submit = Conectarme de nuevo
clinic-connected = Se conectó con { $clinic }.
clinic-your-clinic = Su clínica
clinic-your-clinic-lower = su clínica
clinic-the-clinic = la clínica

## Status
clinic-refused = La clínica ya no acepta este dispositivo, así que no se envía nada. Pida a la clínica un código nuevo para conectarse otra vez. Sus respuestas se guardan hasta entonces.
clinic-reconnect = Este diario se restauró desde una copia de seguridad. Las copias nunca llevan la clave de este dispositivo para la clínica, así que no se envía nada. Vuelva a conectarse con un código nuevo de la clínica. Sus respuestas se guardan hasta entonces.
clinic-last-synced = Última sincronización
clinic-not-yet = Todavía no
clinic-synced-today = Hoy a las { $time }
clinic-synced-yesterday = Ayer a las { $time }
clinic-your-answers = Sus respuestas
clinic-next-try = Próximo intento: { $when }.
clinic-sync-now = Sincronizar ahora
clinic-syncing = Sincronizando…

## Devices
clinic-new-device-title = Un dispositivo nuevo
clinic-seen-it = Ya lo vi
clinic-devices-title = Dispositivos conectados a su cuenta de la clínica
clinic-devices-intro = Cada uno de ellos puede enviar respuestas y firmar lo que se comparte en su nombre. Si no reconoce alguno, avise a su clínica; allí pueden quitarlo.
clinic-this-device = Este dispositivo
clinic-device = Dispositivo { $id }
clinic-device-new = Nuevo
clinic-device-connected = Conectado
clinic-device-connected-at = Conectado el { $when }
clinic-device-removed-at = ; quitado el { $when }

## Parked answers
clinic-parked-title = Respuestas que la clínica no aceptó
clinic-parked-session = { $name }, { $when }
clinic-parked-a-session = Una sesión
clinic-parked-answer = Su respuesta: { $answer }
clinic-dismiss = Descartar
clinic-dismiss-label = Descartar el aviso sobre { $session }

## Disconnect
clinic-disconnect-title = Desconectar
clinic-disconnect-intro = Este dispositivo deja de sincronizarse con { $clinic }. Sus sesiones y todo lo que escribió se quedan en este dispositivo. Las respuestas que aún no se enviaron se guardan y se envían si vuelve a conectarse.
clinic-disconnect = Desconectar
clinic-disconnect-question = ¿Desconectar este dispositivo de { $clinic }?
clinic-disconnect-confirm = Desconectarme de la clínica
clinic-disconnected = Este dispositivo ya no está conectado a la clínica. Sus sesiones y sus anotaciones se quedan en este dispositivo.

## Words of ui/src/lib/clinic.ts
clinic-problem-generic = Algo salió mal. Por favor, inténtelo de nuevo.
clinic-problem-offline = No se pudo comunicar con la clínica. Revise la dirección y su conexión a internet, y vuelva a intentarlo.
clinic-problem-locked-out-in = Demasiados intentos con un código que no funcionó. Puede intentarlo de nuevo en { $seconds } segundos, o pedir a la clínica un código nuevo.
clinic-problem-locked-out-later = Demasiados intentos con un código que no funcionó. Puede intentarlo de nuevo más tarde, o pedir a la clínica un código nuevo.
clinic-problem-address = Revise la dirección de la clínica: { $reason }
clinic-problem-locked = Tideline se bloqueó. Desbloquéela para continuar.
clinic-sync-offline = No se pudo comunicar con la clínica en este momento. Sus respuestas están guardadas en este dispositivo y se enviarán más tarde.
clinic-report-sessions =
    { $count ->
        [one] { $count } sesión actualizada
       *[other] { $count } sesiones actualizadas
    }
clinic-report-sent =
    { $count ->
        [one] { $count } respuesta enviada
       *[other] { $count } respuestas enviadas
    }
clinic-report-parked =
    { $count ->
        [one] { $count } respuesta no aceptada (vea abajo)
       *[other] { $count } respuestas no aceptadas (vea abajo)
    }
clinic-report-care = su nivel de atención se actualizó
clinic-report = Sincronizado: { $parts }.
clinic-report-nothing = Sincronizado. Todo está al día.
clinic-pending-none = Todas sus respuestas se enviaron.
clinic-pending =
    { $count ->
        [one] { $count } respuesta espera a enviarse.
       *[other] { $count } respuestas esperan a enviarse.
    }
clinic-answer-accepted = Allí estaré
clinic-answer-tentative = Tal vez
clinic-answer-declined = No puedo ir
clinic-answer-needs-action = Sin respuesta
