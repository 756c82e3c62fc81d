# The HALT check (ui/src/screens/Halt.svelte, ui/src/lib/halt.ts). The suggestions and the pattern
# sentence come from the core.

halt-title = HALT check
halt-intro = A quick check on four needs that make cravings stronger: Hungry, Angry, Lonely, Tired.
halt-question-hungry = How hungry are you?
halt-question-angry = How angry or frustrated are you?
halt-question-lonely = How lonely or cut off do you feel?
halt-question-tired = How tired are you?
halt-rating-0 = Not at all
halt-rating-1 = A little
halt-rating-2 = Quite a bit
halt-rating-3 = Very
halt-note-label = Anything else? (optional)
halt-submit = See what might help
halt-steady-title = Your basic needs look steady
halt-steady-text = If a craving is still here, it may help to ride it out with urge surfing.
halt-help-title = What might help right now
halt-need-suggestion = { $need }: { $title }
halt-next-title = Take the next step
halt-start-urge = Start urge surfing
halt-call-contact = Call { $name }
halt-call-someone = Call someone
halt-again = Check again
halt-recent-title = Recent checks
halt-recent-empty = No checks yet.
halt-recent-region = Recent HALT checks
halt-recent-caption = Your recent HALT checks, rated 0 (not at all) to 3 (very)
halt-recent-when = When
halt-recent-time = { $day }, { $time }
