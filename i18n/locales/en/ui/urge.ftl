# Urge surfing (ui/src/screens/Urge.svelte, ui/src/lib/urge.ts, the wave chart).

urge-title = Urge surfing
urge-intro = An urge is like a wave: it rises, peaks and falls, even if you do nothing. This exercise helps you ride it out. Take as long as you need.
urge-version-legend = Which version?
urge-version-wave = Guided: five steps, as long as you need
urge-version-sober = Short: S.O.B.E.R.
urge-strength-start = How strong is the urge right now?
urge-begin = Begin
urge-restored = Tideline locked during your exercise. You can carry on where you were; the time kept running.
urge-progress = Step { $step } of { $steps }
urge-time-so-far-label = Time so far { $time }
urge-strength-now = How strong is the urge now?
urge-next-step = Next step
urge-finish = Finish
urge-end-title = How is it now?
urge-time-so-far = Time so far: { $time }
urge-strength-end = How strong is the urge now, at the end?
urge-acted-legend = Did you act on the urge?
urge-acted-no = No, I rode it out
urge-acted-yes = Yes, I acted on it
urge-notes-label = Notes (optional)
urge-save = Save session
urge-done-title = Your wave
urge-chart-start = Start
urge-chart-end = End
urge-acted-note = Thank you for being honest with yourself. Urge surfing gets easier with practice, and every try teaches you something. Your plan has a next step for moments like this.

## The steps, per version (the core orders them; ids are the core's step names)
urge-step-wave-noticeAndName-title = Notice the urge
urge-step-wave-noticeAndName-prompt = Name it to yourself: "I am having an urge." You do not have to act on it.
urge-step-wave-observeBody-title = Observe your body
urge-step-wave-observeBody-prompt = Where do you feel it? Chest, stomach, hands, jaw? Notice any thoughts that come with it, without following them.
urge-step-wave-breathe-title = Breathe
urge-step-wave-breathe-prompt = Breathe in slowly through your nose, and out a little longer through your mouth. Let your shoulders drop.
urge-step-wave-rideTheWave-title = Ride the wave
urge-step-wave-rideTheWave-prompt = Urges rise, peak and fall, like a wave. Stay with it and watch it change, without acting on it.
urge-step-wave-noticeItFall-title = Notice it fall
urge-step-wave-noticeItFall-prompt = Notice how the urge feels now. Even a small drop is the wave passing.
urge-step-sober-stop-title = Stop
urge-step-sober-stop-prompt = Pause whatever you are doing. You have time.
urge-step-sober-observe-title = Observe
urge-step-sober-observe-prompt = What do you feel in your body? What are you thinking? Just notice.
urge-step-sober-breathe-title = Breathe
urge-step-sober-breathe-prompt = Take a few slow breaths. Let the out-breath be long.
urge-step-sober-expandAwareness-title = Expand awareness
urge-step-sober-expandAwareness-prompt = Widen your attention: the room, the sounds, the ground under you, the people who support you.
urge-step-sober-respondMindfully-title = Respond mindfully
urge-step-sober-respondMindfully-prompt = Choose what you will do next, in line with what matters to you.

## The sentence under the wave. The -over forms name how long it took, $duration in words ("18 minutes").
urge-wave-none = No ratings were recorded.
urge-wave-fell = Your urge started at { $start }, peaked at { $peak } and fell to { $end }. You rode the wave.
urge-wave-fell-over = Your urge started at { $start }, peaked at { $peak } and fell to { $end } over { $duration }. You rode the wave.
urge-wave-same = Your urge started and ended at { $start }, peaking at { $peak }. You stayed with it, and that counts.
urge-wave-same-over = Your urge started and ended at { $start } over { $duration }, peaking at { $peak }. You stayed with it, and that counts.
urge-wave-rose = Your urge went from { $start } to { $end }. Some waves take longer; you stayed with it.
urge-wave-rose-over = Your urge went from { $start } to { $end } over { $duration }. Some waves take longer; you stayed with it.

## The wave chart (ui/src/components/WaveChart.svelte)
wave-time = Time
wave-step = Step
wave-intensity = Intensity
