# Craving triggers and HALT needs as the window names them (ui/src/lib/triggers.ts, ui/src/lib/halt.ts).

trigger-need-hungry = Hungry
trigger-need-angry = Angry
trigger-need-lonely = Lonely
trigger-need-tired = Tired
trigger-part-morning = Morning
trigger-part-afternoon = Afternoon
trigger-part-evening = Evening
trigger-part-night = Night
# The quick picks offered before the patient has words of their own; once chosen they are the
# patient's tag, kept in the language they were picked in.
trigger-pick-stress = Stress
trigger-pick-boredom = Boredom
trigger-pick-old-friends = Seeing old friends
trigger-pick-out-of-nowhere = Out of nowhere
