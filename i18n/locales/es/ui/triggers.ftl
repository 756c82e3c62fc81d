# Detonantes y necesidades HALT como los nombra la ventana (ui/src/lib/triggers.ts, ui/src/lib/halt.ts).

trigger-need-hungry = Hambre
trigger-need-angry = Enojo
trigger-need-lonely = Soledad
trigger-need-tired = Cansancio
trigger-part-morning = Mañana
trigger-part-afternoon = Tarde
trigger-part-evening = Noche
trigger-part-night = Madrugada
# Las opciones rápidas que se ofrecen antes de que la persona tenga palabras propias; una vez
# elegidas son una etiqueta suya, guardada en el idioma en que se eligió.
trigger-pick-stress = Estrés
trigger-pick-boredom = Aburrimiento
trigger-pick-old-friends = Ver a viejas amistades
trigger-pick-out-of-nowhere = De la nada
