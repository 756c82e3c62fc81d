# La revisión HALT (ui/src/screens/Halt.svelte, ui/src/lib/halt.ts). Las sugerencias y la frase del
# patrón vienen del núcleo.

halt-title = Revisión HALT
halt-intro = Una revisión rápida de cuatro necesidades que hacen más fuerte el deseo de consumir: hambre, enojo, soledad y cansancio (HALT, por sus iniciales en inglés).
halt-question-hungry = ¿Cuánta hambre tiene?
halt-question-angry = ¿Cuánto enojo o frustración siente?
halt-question-lonely = ¿Cuánta soledad o aislamiento siente?
halt-question-tired = ¿Cuánto cansancio tiene?
halt-rating-0 = Nada
halt-rating-1 = Un poco
halt-rating-2 = Bastante
halt-rating-3 = Mucho
halt-note-label = ¿Algo más? (opcional)
halt-submit = Ver qué podría ayudar
halt-steady-title = Sus necesidades básicas se ven estables
halt-steady-text = Si el deseo de consumir sigue ahí, puede ayudar dejarlo pasar surfeando el impulso.
halt-help-title = Lo que podría ayudar ahora mismo
halt-need-suggestion = { $need }: { $title }
halt-next-title = Dé el siguiente paso
halt-start-urge = Empezar a surfear el impulso
halt-call-contact = Llamar a { $name }
halt-call-someone = Llamar a alguien
halt-again = Revisar otra vez
halt-recent-title = Revisiones recientes
halt-recent-empty = Todavía no hay revisiones.
halt-recent-region = Revisiones HALT recientes
halt-recent-caption = Sus revisiones HALT recientes, calificadas de 0 (nada) a 3 (mucho)
halt-recent-when = Cuándo
halt-recent-time = { $day }, { $time }
