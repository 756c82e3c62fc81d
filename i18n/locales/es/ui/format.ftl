# Tiempos y duraciones en palabras (ui/src/lib/format.ts). Las fechas y horas vienen de Intl en el
# idioma actual.

format-starting-now = empieza ahora
format-in = en { $time }
format-and = { $a } y { $b }
format-days =
    { $n ->
        [one] { $n } día
       *[other] { $n } días
    }
format-hours =
    { $n ->
        [one] { $n } hora
       *[other] { $n } horas
    }
format-minutes =
    { $n ->
        [one] { $n } minuto
       *[other] { $n } minutos
    }
format-seconds =
    { $n ->
        [one] { $n } segundo
       *[other] { $n } segundos
    }
# Una duración de horas y minutos: «1 hora y 5 minutos».
format-hours-minutes = { $hours } y { $minutes }
format-today = hoy
format-yesterday = ayer
