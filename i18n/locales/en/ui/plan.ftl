# My plan screen (ui/src/screens/Plan.svelte) and its helper ui/src/lib/plan.ts.

plan-title = My plan
plan-intro = Your relapse-prevention plan and the people who support you. Go over it with your counselor now and then.
plan-saved = Your plan is saved.
plan-contact-saved = Contact saved.

## Editing the plan
plan-edit-title = Edit my plan
plan-triggers-title = Triggers and what I will do
plan-trigger = Trigger { $number }
plan-trigger-source = Where it comes from
plan-trigger-step = What I will do
plan-add-trigger = Add a trigger
plan-one-per-line = In the boxes below, put one item on each line.
plan-warning-signs = Early warning signs
plan-places = Places to avoid
plan-instead = Things I can do instead
plan-meetings = Meetings
plan-meetings-hint = Name; when; where. For example: Evening group; Tuesdays 7 pm; Community center
plan-after-lapse-label = If I have a lapse, I will
plan-reviewed-today = I went through this plan with my counselor today
plan-save = Save plan
plan-cancel = Cancel

## Reading the plan
plan-nothing-yet = Nothing here yet.
plan-after-lapse-title = If I have a lapse
plan-after-lapse-empty = Nothing here yet. It helps to decide ahead of time whom you will tell and what you will do next.
plan-last-reviewed = Last gone through with your counselor: { $when }
plan-last-reviewed-today = Last gone through with your counselor: today
plan-last-reviewed-yesterday = Last gone through with your counselor: yesterday
plan-edit = Edit my plan

## Support contacts
plan-contacts-title = Support contacts
plan-edit-contact = Edit contact
plan-add-contact = Add a contact
plan-contact-name = Name
plan-contact-role = Who they are to you
plan-contact-phone = Phone
plan-contact-can-text = I can text this person
plan-contact-notes = Notes
plan-save-contact = Save contact
plan-edit-label = Edit { $name }
plan-edit-button = Edit
plan-remove-label = Remove { $name }
plan-remove-question = Remove { $name } from your contacts?
plan-remove-confirm = Remove contact

## Words of ui/src/lib/plan.ts
plan-source-internal = Inside me (a feeling, a thought)
plan-source-external = Around me (people, places, things)
plan-source-halt-hungry = HALT: hungry
plan-source-halt-angry = HALT: angry
plan-source-halt-lonely = HALT: lonely
plan-source-halt-tired = HALT: tired
plan-source-short-internal = Inside me
plan-source-short-external = Around me
plan-role-sponsor = Sponsor
plan-role-counselor = Counselor
plan-role-family = Family
plan-role-friend = Friend
plan-role-peer = Peer in recovery
plan-role-other = Other
