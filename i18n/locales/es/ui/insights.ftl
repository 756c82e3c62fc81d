# Tendencias (ui/src/screens/Insights.svelte). La frase bajo cada gráfico viene del núcleo.

insights-title = Tendencias
insights-cravings-title = Intensidad del deseo de consumir con el tiempo
insights-day = Día
insights-mean-intensity = Intensidad promedio (0-10)
insights-triggers-title = Detonantes más frecuentes
insights-trigger = Detonante
insights-times-noted = Veces anotado
insights-halt-title = Patrón HALT
insights-halt-none = Todavía no hay revisiones HALT.
insights-need = Necesidad
insights-halt-high = Revisiones en que fue alta (de { $checks })
insights-urges-title = Impulsos surfeados
insights-rode-out = Lo dejó pasar
insights-acted = Actuó según el impulso
insights-outcome = Resultado
insights-sessions = Sesiones
insights-attendance-title = Asistencia por semana
insights-target = Meta de { $hours } horas
insights-week-starting = Semana del
insights-hours-attended = Horas de asistencia
