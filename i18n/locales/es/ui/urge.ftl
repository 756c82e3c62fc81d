# Surfear el impulso (ui/src/screens/Urge.svelte, ui/src/lib/urge.ts, el gráfico de la ola).

urge-title = Surfear el impulso
urge-intro = Un impulso es como una ola: sube, llega a su punto más alto y baja, aunque usted no haga nada. Este ejercicio le ayuda a dejarlo pasar. Tómese el tiempo que necesite.
urge-version-legend = ¿Qué versión prefiere?
urge-version-wave = Guiada: cinco pasos, a su ritmo
urge-version-sober = Corta: S.O.B.E.R. (en inglés: pare, observe, respire, amplíe, responda)
urge-strength-start = ¿Qué tan fuerte es el impulso ahora mismo?
urge-begin = Empezar
urge-restored = Tideline se bloqueó durante su ejercicio. Puede seguir donde estaba; el tiempo siguió corriendo.
urge-progress = Paso { $step } de { $steps }
urge-time-so-far-label = Tiempo hasta ahora { $time }
urge-strength-now = ¿Qué tan fuerte es el impulso ahora?
urge-next-step = Siguiente paso
urge-finish = Terminar
urge-end-title = ¿Cómo está ahora?
urge-time-so-far = Tiempo hasta ahora: { $time }
urge-strength-end = ¿Qué tan fuerte es el impulso ahora, al final?
urge-acted-legend = ¿Actuó según el impulso?
urge-acted-no = No, lo dejé pasar
urge-acted-yes = Sí, actué según el impulso
urge-notes-label = Notas (opcional)
urge-save = Guardar la sesión
urge-done-title = Su ola
urge-chart-start = Inicio
urge-chart-end = Final
urge-acted-note = Gracias por su honestidad consigo. Surfear el impulso se vuelve más fácil con la práctica, y cada intento le enseña algo. Su plan tiene un siguiente paso para momentos como este.

## Los pasos, por versión (el núcleo los ordena; los ids son los nombres de paso del núcleo)
urge-step-wave-noticeAndName-title = Note el impulso
urge-step-wave-noticeAndName-prompt = Nómbrelo para sí: «Estoy teniendo un impulso». No tiene que actuar según él.
urge-step-wave-observeBody-title = Observe su cuerpo
urge-step-wave-observeBody-prompt = ¿Dónde lo siente? ¿En el pecho, el estómago, las manos, la mandíbula? Note los pensamientos que vienen con él, sin seguirlos.
urge-step-wave-breathe-title = Respire
urge-step-wave-breathe-prompt = Inhale despacio por la nariz y exhale un poco más largo por la boca. Relaje los hombros.
urge-step-wave-rideTheWave-title = Surfee la ola
urge-step-wave-rideTheWave-prompt = Los impulsos suben, llegan a su punto más alto y bajan, como una ola. Quédese con él y mire cómo cambia, sin actuar según él.
urge-step-wave-noticeItFall-title = Note cómo baja
urge-step-wave-noticeItFall-prompt = Note cómo se siente el impulso ahora. Hasta una bajada pequeña es la ola que pasa.
urge-step-sober-stop-title = Pare
urge-step-sober-stop-prompt = Detenga lo que esté haciendo. Tiene tiempo.
urge-step-sober-observe-title = Observe
urge-step-sober-observe-prompt = ¿Qué siente en su cuerpo? ¿Qué está pensando? Solo obsérvelo.
urge-step-sober-breathe-title = Respire
urge-step-sober-breathe-prompt = Respire despacio unas cuantas veces. Deje que cada exhalación sea larga.
urge-step-sober-expandAwareness-title = Amplíe su atención
urge-step-sober-expandAwareness-prompt = Abra su atención: la habitación, los sonidos, el suelo bajo sus pies, las personas que le apoyan.
urge-step-sober-respondMindfully-title = Responda con conciencia
urge-step-sober-respondMindfully-prompt = Elija qué va a hacer ahora, de acuerdo con lo que es importante para usted.

## La frase bajo la ola. Las formas -over dicen cuánto duró, $duration en palabras («18 minutos»).
urge-wave-none = No se registró ninguna calificación.
urge-wave-fell = Su impulso empezó en { $start }, llegó a { $peak } y bajó a { $end }. Usted surfeó la ola.
urge-wave-fell-over = Su impulso empezó en { $start }, llegó a { $peak } y bajó a { $end } en { $duration }. Usted surfeó la ola.
urge-wave-same = Su impulso empezó y terminó en { $start }, con un punto más alto de { $peak }. Usted se quedó con él, y eso cuenta.
urge-wave-same-over = Su impulso empezó y terminó en { $start } en { $duration }, con un punto más alto de { $peak }. Usted se quedó con él, y eso cuenta.
urge-wave-rose = Su impulso pasó de { $start } a { $end }. Algunas olas tardan más; usted se quedó con él.
urge-wave-rose-over = Su impulso pasó de { $start } a { $end } en { $duration }. Algunas olas tardan más; usted se quedó con él.

## El gráfico de la ola (ui/src/components/WaveChart.svelte)
wave-time = Tiempo
wave-step = Paso
wave-intensity = Intensidad
