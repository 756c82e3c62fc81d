### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

common-days =
    { "[" }{ $count ->
        [one] { $count } ðááý
       *[other] { $count } ðááýš
    }]
crisis-intro = [Ýööûû ááŕéé ñööţ ááļööñéé. ÎÎƒ ýööûû ááŕéé îîñ ðááñĝééŕ ööŕ ţĥîîñķîîñĝ ááƀööûûţ ĥûûŕţîîñĝ ýööûûŕšééļƒ, ŕééááçĥ ööûûţ ñööŵ. Ţĥééšéé ļîîñééš ááŕéé ƒŕéééé ááñð ööþééñ ðááý ááñð ñîîĝĥţ.]
crisis-988-name = [988 Šûûîîçîîðéé & Çŕîîšîîš Ļîîƒééļîîñéé]
crisis-988-text = [Ƒööŕ ááñý çŕîîšîîš, îîñçļûûðîîñĝ ööñéé ááƀööûûţ šûûƀšţááñçéé ûûšéé. Çááļļ ööŕ ţééẋţ 988, ööŕ çĥááţ ööñļîîñéé. Ƒööŕ Šþááñîîšĥ, çááļļ ááñð þŕééšš 2.]
crisis-988-call = [Çááļļ 988]
crisis-988-sms = [Ţééẋţ 988]
crisis-988-chat = [Çĥááţ ŵîîţĥ 988]
crisis-911-name = [ÉÉɱééŕĝééñçý: 911]
crisis-911-text = [ÎÎƒ ýööûû ööŕ šööɱééööñéé ééļšéé îîš îîñ îîɱɱééðîîááţéé ðááñĝééŕ, çááļļ 911.]
crisis-911-call = [Çááļļ 911]
crisis-samhsa-name = [ŠÅÅṀĤŠÅÅ Ñááţîîööñááļ Ĥééļþļîîñéé]
crisis-samhsa-text = [Ƒŕéééé, çööñƒîîðééñţîîááļ ţŕééááţɱééñţ ŕééƒééŕŕááļ ááñð îîñƒööŕɱááţîîööñ, 24/7, îîñ ÉÉñĝļîîšĥ ááñð Šþááñîîšĥ. ŢŢÝ: { $tty }.]
crisis-samhsa-call = [Çááļļ { $number }]
crisis-samhsa-tty = [ŢŢÝ { $tty }]
crisis-nua-name = [Ñééṽééŕ ÛÛšéé ÅÅļööñéé]
crisis-nua-text = [ÎÎƒ ýööûû ááŕéé ĝööîîñĝ ţöö ûûšéé, çááļļ ƒîîŕšţ. Šööɱééööñéé šţááýš ööñ ţĥéé ļîîñéé ááñð šééñðš ĥééļþ îîƒ ýööûû šţööþ ŕééšþööñðîîñĝ. Ƒŕéééé ááñð çööñƒîîðééñţîîááļ.]
crisis-nua-call-number = [Çááļļ { $number }]
crisis-after-use-sentence = [ÅÅƒţééŕ ţîîɱéé ŵîîţĥööûûţ ûûšîîñĝ, ţĥéé ƀööðý'š ţööļééŕááñçéé îîš ļööŵééŕ, šöö ááñ ááɱööûûñţ ţĥááţ ƒééļţ ûûšûûááļ ƀééƒööŕéé çááñ ñööŵ çááûûšéé ááñ ööṽééŕðööšéé.]
crisis-after-use-naloxone = [Ñááļööẋööñéé (Ñááŕçááñ) ŕééṽééŕšééš ááñ ööþîîööîîð ööṽééŕðööšéé. Ṁööšţ þĥááŕɱááçîîééš ĝîîṽéé îîţ ŵîîţĥööûûţ áá þŕééšçŕîîþţîîööñ; ķééééþ îîţ ŵĥééŕéé šööɱééööñéé ŵîîţĥ ýööûû çááñ ƒîîñð îîţ.]
crisis-after-use-nua = [ÎÎƒ ýööûû ðöö ûûšéé, ýööûû ðöö ñööţ ĥááṽéé ţöö ƀéé ááļööñéé: Ñééṽééŕ ÛÛšéé ÅÅļööñéé ({ $number }) šţááýš ööñ ţĥéé þĥööñéé ááñð šééñðš ĥééļþ îîƒ ýööûû šţööþ ŕééšþööñðîîñĝ.]
crisis-after-use-call = [Çááļļ Ñééṽééŕ ÛÛšéé ÅÅļööñéé]
crisis-no-browser = [Ţĥîîš ðééṽîîçéé çööûûļð ñööţ ööþééñ áá ŵééƀ ƀŕööŵšééŕ. Ţýþéé ţĥîîš ááððŕééšš îîñţöö ööñéé:]
crisis-no-sms = [Ţĥîîš ðééṽîîçéé ĥááš ñöö ááþþ ƒööŕ ţééẋţ ɱééššááĝééš. Šééñð áá ţééẋţ ƒŕööɱ ýööûûŕ þĥööñéé ţöö:]
crisis-no-phone = [Ţĥîîš ðééṽîîçéé ĥááš ñöö ááþþ ƒööŕ þĥööñéé çááļļš. Çááļļ ƒŕööɱ ýööûûŕ þĥööñéé:]
halt-need-hungry = [Ĥûûñĝŕý]
halt-need-angry = [ÅÅñĝŕý]
halt-need-lonely = [Ļööñééļý]
halt-need-tired = [Ţîîŕééð]
halt-suggestion-hungry-title = [ÉÉááţ šööɱééţĥîîñĝ]
halt-suggestion-hungry = [ÅÅ šñááçķ, áá ĝļáášš ööƒ ŵááţééŕ, áá šîîɱþļéé ɱééááļ. Ýööûûŕ ƀööðý ñééééðš ƒûûééļ ţöö ĝééţ ţĥŕööûûĝĥ ţĥîîš.]
halt-suggestion-angry-title = [Ļééţ ţĥéé ááñĝééŕ ööûûţ šááƒééļý]
halt-suggestion-angry = [Ṽééñţ ţöö šööɱééööñéé ýööûû ţŕûûšţ, ŵŕîîţéé îîţ ðööŵñ, ĝöö ƒööŕ áá ƀŕîîšķ ŵááļķ, ööŕ ţááķéé ţééñ šļööŵ ƀŕééááţĥš.]
halt-suggestion-lonely-title = [Ŕééááçĥ ööûûţ ţöö šööɱééööñéé]
halt-suggestion-lonely = [Çááļļ ööŕ ţééẋţ áá šûûþþööŕţ çööñţááçţ, ööŕ ĝöö ţöö áá ɱééééţîîñĝ. Ýööûû ðöö ñööţ ĥááṽéé ţöö šîîţ ŵîîţĥ ţĥîîš ááļööñéé.]
halt-suggestion-tired-title = [Ŕééšţ]
halt-suggestion-tired = [Ļîîéé ðööŵñ ƒööŕ áá ƒééŵ ɱîîñûûţééš, ööŕ þļááñ ááñ ééááŕļý ñîîĝĥţ. ÉÉṽééŕýţĥîîñĝ ƒééééļš ĥááŕðééŕ ŵĥééñ ýööûû ááŕéé ŵööŕñ ööûûţ.]
halt-pattern-none = [Ñöö ĤÅÅĻŢ çĥééçķš ýééţ.]
halt-pattern-nothing =
    { "[" }{ $checks ->
        [one] Ñöö ñééééð šţööööð ööûûţ îîñ ýööûûŕ ļáášţ çĥééçķ.
       *[other] Ñöö ñééééð šţööööð ööûûţ îîñ ţĥéé ļáášţ { $checks } çĥééçķš.
    }]
halt-pattern-one = [{ $needs } îîñ ýööûûŕ ļáášţ çĥééçķ.]
halt-pattern-many = [{ $needs } ööƒ ţĥéé ļáášţ { $checks } çĥééçķš.]
halt-pattern-part = [{ $need } îîñ { $count }]
list-and = [{ $init } ááñð { $last }]
date-long = [{ $weekday }, { $month } { $day }]
date-weekday-1 = [Ṁööñðááý]
date-weekday-2 = [Ţûûééšðááý]
date-weekday-3 = [Ŵééðñééšðááý]
date-weekday-4 = [Ţĥûûŕšðááý]
date-weekday-5 = [Ƒŕîîðááý]
date-weekday-6 = [Šááţûûŕðááý]
date-weekday-7 = [Šûûñðááý]
date-month-1 = [Ĵááñûûááŕý]
date-month-2 = [Ƒééƀŕûûááŕý]
date-month-3 = [Ṁááŕçĥ]
date-month-4 = [ÅÅþŕîîļ]
date-month-5 = [Ṁááý]
date-month-6 = [Ĵûûñéé]
date-month-7 = [Ĵûûļý]
date-month-8 = [ÅÅûûĝûûšţ]
date-month-9 = [Šééþţééɱƀééŕ]
date-month-10 = [ÖÖçţööƀééŕ]
date-month-11 = [Ñööṽééɱƀééŕ]
date-month-12 = [Ðééçééɱƀééŕ]
reminder-daily-check-in = [Ţîîɱéé ƒööŕ ýööûûŕ ðááîîļý çĥééçķ-îîñ.]
reminder-discreet =
    { "[" }{ $when ->
        [today] Ŕééɱîîñðééŕ: ááþþööîîñţɱééñţ ááţ { $clock }
        [tomorrow] Ŕééɱîîñðééŕ: ááþþööîîñţɱééñţ ţööɱööŕŕööŵ ááţ { $clock }
       *[date] Ŕééɱîîñðééŕ: ááþþööîîñţɱééñţ ööñ { $date } ááţ { $clock }
    }]
reminder-detailed =
    { "[" }{ $when ->
        [today] Ŕééɱîîñðééŕ: { $kind } ááţ { $clock }{ $place }
        [tomorrow] Ŕééɱîîñðééŕ: { $kind } ţööɱööŕŕööŵ ááţ { $clock }{ $place }
       *[date] Ŕééɱîîñðééŕ: { $kind } ööñ { $date } ááţ { $clock }{ $place }
    }]
reminder-by-video = [ƀý ṽîîðééöö]
reminder-missed-closed =
    { "[" }{ $count ->
        [one] Ýööûû ɱááý ĥááṽéé ɱîîššééð áá ŕééɱîîñðééŕ ŵĥîîļéé Ţîîðééļîîñéé ŵááš çļööšééð. ÖÖþééñ Ţîîðééļîîñéé ţöö šéééé ŵĥááţ îîš çööɱîîñĝ ûûþ.
       *[other] Ýööûû ɱááý ĥááṽéé ɱîîššééð { $count } ŕééɱîîñðééŕš ŵĥîîļéé Ţîîðééļîîñéé ŵááš çļööšééð. ÖÖþééñ Ţîîðééļîîñéé ţöö šéééé ŵĥááţ îîš çööɱîîñĝ ûûþ.
    }]
reminder-missed-asleep =
    { "[" }{ $count ->
        [one] Ýööûû ɱááý ĥááṽéé ɱîîššééð áá ŕééɱîîñðééŕ ŵĥîîļéé ýööûûŕ çööɱþûûţééŕ ŵááš áášļééééþ. ÖÖþééñ Ţîîðééļîîñéé ţöö šéééé ŵĥááţ îîš çööɱîîñĝ ûûþ.
       *[other] Ýööûû ɱááý ĥááṽéé ɱîîššééð { $count } ŕééɱîîñðééŕš ŵĥîîļéé ýööûûŕ çööɱþûûţééŕ ŵááš áášļééééþ. ÖÖþééñ Ţîîðééļîîñéé ţöö šéééé ŵĥááţ îîš çööɱîîñĝ ûûþ.
    }]
notification-action-attend = [ÎÎ'ļļ ƀéé ţĥééŕéé]
notification-action-decline = [Çááñ'ţ ɱááķéé îîţ]
session-kind-words-group = [ĝŕööûûþ šééššîîööñ]
session-kind-words-individual = [îîñðîîṽîîðûûááļ šééššîîööñ]
session-kind-words-family = [ƒááɱîîļý šééššîîööñ]
session-kind-words-psychoeducation = [ééðûûçááţîîööñ šééššîîööñ]
session-kind-words-medication = [ɱééðîîçááţîîööñ ááþþööîîñţɱééñţ]
session-kind-words-aftercare = [çĥééçķ-îîñ]
session-kind-words-other = [šééššîîööñ]
progress-starts = [Ýööûûŕ þŕööĝŕááɱ šţááŕţš ööñ { $date }.]
progress-aftercare = [Ýööûû ááŕéé îîñ ááƒţééŕçááŕéé. { $week }]
progress-day = [Ðááý { $day } ööƒ ýööûûŕ þŕööĝŕááɱ. { $week }]
progress-hours =
    { "[" }{ $n ->
        [one] { $hours } ĥööûûŕ ţĥîîš ŵééééķ.
       *[other] { $hours } ĥööûûŕš ţĥîîš ŵééééķ.
    }]
progress-hours-met = [{ $hours } ĥööûûŕš ţĥîîš ŵééééķ, ɱééééţîîñĝ ýööûûŕ { $target }-ĥööûûŕ ţááŕĝééţ.]
progress-hours-of = [{ $hours } ööƒ { $target } ĥööûûŕš ţĥîîš ŵééééķ.]
progress-check-in-next = [Ýööûûŕ ñééẋţ çĥééçķ-îîñ îîš ööñ { $date }.]
progress-check-in-none = [Ñöö çĥééçķ-îîñ îîš šçĥééðûûļééð ýééţ.]
insights-cravings-none = [Ñöö çŕááṽîîñĝš ļööĝĝééð îîñ ţĥéé ļáášţ ţŵöö ŵééééķš.]
insights-cravings-none-this-week = [Ñöö çŕááṽîîñĝš ļööĝĝééð šöö ƒááŕ ţĥîîš ŵééééķ.]
insights-cravings-new =
    { "[" }{ $count ->
        [one] Ýööûû ļööĝĝééð { $count } çŕááṽîîñĝ ţĥîîš ŵééééķ ááñð ñööñéé ļáášţ ŵééééķ.
       *[other] Ýööûû ļööĝĝééð { $count } çŕááṽîîñĝš ţĥîîš ŵééééķ ááñð ñööñéé ļáášţ ŵééééķ.
    }]
insights-cravings-lower = [Ýööûûŕ çŕááṽîîñĝš ŵééŕéé ļööŵééŕ ţĥîîš ŵééééķ ţĥááñ ļáášţ.]
insights-cravings-stronger = [Ýööûûŕ çŕááṽîîñĝš ŵééŕéé šţŕööñĝééŕ ţĥîîš ŵééééķ ţĥááñ ļáášţ. Ñööţîîçîîñĝ ţĥááţ îîš áá ĝööööð ƒîîŕšţ šţééþ.]
insights-cravings-same = [Ýööûûŕ çŕááṽîîñĝš ŵééŕéé ááƀööûûţ ááš šţŕööñĝ ţĥîîš ŵééééķ ááš ļáášţ.]
insights-triggers-none = [Ñöö ţŕîîĝĝééŕš ñööţééð îîñ ţĥéé ļáášţ 30 ðááýš.]
insights-triggers-top =
    { "[" }{ $count ->
        [one] Ýööûûŕ ɱööšţ çööɱɱööñ ţŕîîĝĝééŕ îîñ ţĥéé ļáášţ 30 ðááýš ŵááš { $trigger } ({ $count } ţîîɱéé).
       *[other] Ýööûûŕ ɱööšţ çööɱɱööñ ţŕîîĝĝééŕ îîñ ţĥéé ļáášţ 30 ðááýš ŵááš { $trigger } ({ $count } ţîîɱééš).
    }]
insights-trigger-halt = [ƒééééļîîñĝ { $need }]
insights-trigger-morning = [ţĥéé ɱööŕñîîñĝ]
insights-trigger-afternoon = [ţĥéé ááƒţééŕñööööñ]
insights-trigger-evening = [ţĥéé ééṽééñîîñĝ]
insights-trigger-night = [ţĥéé ñîîĝĥţ]
insights-trigger-words = [“{ $label }”]
insights-urges-none = [Ñöö ûûŕĝééš šûûŕƒééð ýééţ.]
insights-urges =
    { "[" }{ $surfed ->
        [one] Ýööûû ĥááṽéé šûûŕƒééð { $surfed } ûûŕĝéé. ÖÖñ ááṽééŕááĝéé ţĥéé ûûŕĝéé ƒééļļ { $drop } þööîîñţš ƒŕööɱ îîţš þééááķ ƀý ţĥéé ééñð.
       *[other] Ýööûû ĥááṽéé šûûŕƒééð { $surfed } ûûŕĝééš. ÖÖñ ááṽééŕááĝéé ţĥéé ûûŕĝéé ƒééļļ { $drop } þööîîñţš ƒŕööɱ îîţš þééááķ ƀý ţĥéé ééñð.
    }]
insights-attendance = [Ýööûû ááţţééñðééð { $this } ĥööûûŕš ţĥîîš ŵééééķ ááñð { $last } ļáášţ ŵééééķ.]
care-level-iop = [ÎÎñţééñšîîṽéé ööûûţþááţîîééñţ (ÅÅŠÅÅṀ 2.1)]
care-level-iop-adolescent = [ÎÎñţééñšîîṽéé ööûûţþááţîîééñţ, ááðööļééšçééñţ (ÅÅŠÅÅṀ 2.1)]
care-level-partial-hospitalization = [Þááŕţîîááļ ĥööšþîîţááļîîžááţîîööñ (ÅÅŠÅÅṀ 2.5)]
care-level-outpatient = [ÖÖûûţþááţîîééñţ (ÅÅŠÅÅṀ 1)]
care-level-aftercare = [ÅÅƒţééŕçááŕéé]
care-target-aftercare = [Ñöö ŵééééķļý ĥööûûŕš: çĥééçķ-îîñš ááţ 30, 60 ááñð 90 ðááýš îîñšţééááð]
care-target-minute = [1 ɱîîñûûţéé áá ŵééééķ]
care-target-hours =
    { "[" }{ $n ->
        [one] { $hours } ĥööûûŕ áá ŵééééķ
       *[other] { $hours } ĥööûûŕš áá ŵééééķ
    }]
care-target-outpatient = [ÛÛñðééŕ 9 ĥööûûŕš áá ŵééééķ, ţĥéé ţááŕĝééţ ýööûûŕ çööûûñšééļööŕ šééţ]
care-target-none = [Ñöö ŵééééķļý ţááŕĝééţ]
care-set-by-clinic = [Šééţ ƀý ýööûûŕ çļîîñîîç: { $level }, { $target }, šîîñçéé { $date }.]
care-set-by-you = [Ýööûû šééţ ţĥîîš: { $level }, { $target }.]
care-date = [{ $month } { $day }, { $year }]
care-kind-group = [Ĝŕööûûþ]
care-kind-individual = [ÎÎñðîîṽîîðûûááļ]
care-kind-family = [Ƒááɱîîļý]
care-kind-psychoeducation = [ÉÉðûûçááţîîööñ]
care-kind-medication = [Ṁééðîîçááţîîööñ]
care-kind-aftercare = [ÅÅƒţééŕçááŕéé çĥééçķ-îîñ]
care-kind-other = [ÖÖţĥééŕ]
care-session-heading =
    { "[" }{ $kind ->
        [group] Ĝŕööûûþ šééššîîööñ
        [individual] ÎÎñðîîṽîîðûûááļ šééššîîööñ
        [family] Ƒááɱîîļý šééššîîööñ
        [psychoeducation] ÉÉðûûçááţîîööñ šééššîîööñ
        [medication] Ṁééðîîçááţîîööñ šééššîîööñ
        [aftercare] ÅÅƒţééŕçááŕéé çĥééçķ-îîñ šééššîîööñ
       *[other] ÖÖţĥééŕ šééššîîööñ
    }]
care-duration-min = [{ $m } ɱîîñ]
care-duration-h = [{ $h } ĥ]
care-duration-h-min = [{ $h } ĥ { $m } ɱîîñ]
care-minutes =
    { "[" }{ $n ->
        [one] { $n } ɱîîñûûţéé
       *[other] { $n } ɱîîñûûţééš
    }]
care-status-cancelled = [Çááñçééļļééð]
care-status-cancelled-reason = [Çááñçééļļééð: { $reason }]
care-status-removed = [Ŕééɱööṽééð ƀý ţĥéé çļîîñîîç]
care-status-attended = [ÅÅţţééñðééð]
care-status-late = [ÅÅţţééñðééð, { $minutes } ļááţéé]
care-status-left-early = [ÅÅţţééñðééð, ļééƒţ { $minutes } ééááŕļý]
care-status-missed = [Ṁîîššééð]
care-status-excused = [ÉÉẋçûûšééð]
care-status-proposed = [Þŕööþööšééð]
care-status-pending = [Ŵááîîţîîñĝ ƒööŕ çööñƒîîŕɱááţîîööñ]
care-status-waitlist = [ÖÖñ ţĥéé ŵááîîţîîñĝ ļîîšţ]
care-status-booked = [Ɓööööķééð]
care-self-reported = [{ $what } (šééļƒ-ŕééþööŕţééð)]
care-status-counted = [{ $what } — { $counted } çööûûñţééð]
passphrase-warn-keyboard = [Ķééýš ñééẋţ ţöö ééááçĥ ööţĥééŕ ööñ ţĥéé ķééýƀööááŕð ááŕéé ééáášý ţöö ĝûûééšš.]
passphrase-warn-repeats = [Ŕééþééááţééð ļééţţééŕš, ļîîķéé áááááá, ááŕéé ééáášý ţöö ĝûûééšš.]
passphrase-warn-repeated-piece = [Ŕééþééááţîîñĝ áá šĥööŕţ þîîééçéé, ļîîķéé ááƀçááƀç, ááððš ļîîţţļéé.]
passphrase-warn-common = [Ţĥîîš îîš áá ṽééŕý çööɱɱööñ þááššŵööŕð, ŵĥîîçĥ îîš ĝûûééššééð ƒîîŕšţ.]
passphrase-warn-similar = [Ţĥîîš îîš çļööšéé ţöö áá çööɱɱööñ þááššŵööŕð ööŕ ţöö áá ŵööŕð ááƀööûûţ ţĥîîš ááþþ.]
passphrase-warn-sequence = [Ŕûûñš ļîîķéé ááƀç ööŕ 6543 ááŕéé ééáášý ţöö ĝûûééšš.]
passphrase-warn-dates = [Ðááţééš ááñð ýééááŕš ááŕéé ééáášý ţöö ĝûûééšš.]
passphrase-warn-one-word = [ÖÖñéé ŵööŕð ööñ îîţš ööŵñ îîš ééáášý ţöö ĝûûééšš.]
passphrase-warn-names = [Ñááɱééš ááŕéé ééáášý ţöö ĝûûééšš.]
passphrase-warn-too-short = [ÛÛšéé ááţ ļééáášţ { $min } çĥááŕááçţééŕš.]
passphrase-tip-words = [ÛÛšéé áá ƒééŵ ûûñŕééļááţééð ŵööŕðš, ñööţ áá šááýîîñĝ ööŕ áá ļýŕîîç.]
passphrase-tip-no-symbols = [Ýööûû ðöö ñööţ ñééééð šýɱƀööļš, ñûûɱƀééŕš ööŕ çááþîîţááļš.]
passphrase-tip-add-word = [ÅÅðð ááñööţĥééŕ ŵööŕð ööŕ ţŵöö. ÛÛñûûšûûááļ ŵööŕðš ááŕéé ƀééţţééŕ.]
passphrase-tip-capitals = [Çááþîîţááļ ļééţţééŕš ááðð ļîîţţļéé.]
passphrase-tip-reversed = [ÅÅ ŵööŕð šþééļļééð ƀááçķŵááŕðš ááððš ļîîţţļéé.]
passphrase-tip-swaps = [Šŵááþš ļîîķéé @ ƒööŕ áá ááðð ļîîţţļéé.]
passphrase-tip-keyboard = [ÛÛšéé ŵööŕðš ŕááţĥééŕ ţĥááñ ķééýƀööááŕð þááţţééŕñš.]
passphrase-tip-repeats = [ÅÅṽööîîð ŕééþééááţîîñĝ ŵööŕðš ööŕ ļééţţééŕš.]
passphrase-tip-sequences = [ÅÅṽööîîð ŕûûñš ļîîķéé ááƀç ööŕ 123.]
passphrase-tip-dates = [ÅÅṽööîîð ðááţééš ááñð ýééááŕš ţĥááţ ɱééááñ šööɱééţĥîîñĝ ţöö ýööûû.]
entry-title-craving = [Çŕááṽîîñĝ ŕééçööŕð]
entry-title-halt = [ĤÅÅĻŢ çĥééçķ]
entry-title-urge = [ÛÛŕĝéé šûûŕƒîîñĝ]
entry-title = [{ $kind }, { $when }]
entry-line = [{ $label }: { $value }]
entry-intensity = [ÎÎñţééñšîîţý: { $n } ööƒ 10]
entry-situation = [Šîîţûûááţîîööñ]
entry-thoughts = [Ţĥööûûĝĥţš ááñð ƒééééļîîñĝš]
entry-lasted = [Ļáášţééð: { $n } ɱîîñûûţééš]
entry-coping = [Çööþîîñĝ]
entry-outcome = [ÖÖûûţçööɱéé: { $value }]
entry-triggers = [Ţŕîîĝĝééŕš: { $value }]
entry-notes = [Ñööţééš]
entry-note = [Ñööţéé]
entry-halt-rating = [{ $need }: { $n } ööƒ 3]
entry-trigger-halt = [ĤÅÅĻŢ: { $need }]
entry-trigger-person = [Þééŕšööñ: { $label }]
entry-trigger-place = [Þļááçéé: { $label }]
entry-trigger-feeling = [Ƒééééļîîñĝ: { $label }]
entry-trigger-time = [Ţîîɱéé ööƒ ðááý: { $part }]
entry-part-morning = [ɱööŕñîîñĝ]
entry-part-afternoon = [ááƒţééŕñööööñ]
entry-part-evening = [ééṽééñîîñĝ]
entry-part-night = [ñîîĝĥţ]
entry-craving-outcome-not-yet-recorded = [Ñööţ ŕééçööŕðééð ýééţ]
entry-craving-outcome-did-not-use = [Ðîîð ñööţ ûûšéé]
entry-craving-outcome-used = [Ŕééţûûŕñééð ţöö ûûšéé]
entry-urge-intensity = [ÎÎñţééñšîîţý: { $start } ááţ ţĥéé šţááŕţ, { $peak } ááţ ţĥéé þééááķ, { $end } ááţ ţĥéé ééñð (ööƒ 10)]
entry-urge-form = [Ĝûûîîðééð ƒööŕɱ: { $value }]
entry-urge-variant-wave = [ÛÛŕĝéé šûûŕƒîîñĝ ŵááṽéé]
entry-urge-variant-sober = [Š.ÖÖ.Ɓ.ÉÉ.Ŕ.]
entry-urge-steps = [Šţééþš: { $value }]
entry-urge-step-notice-and-name = [Ñööţîîçéé ááñð ñááɱéé ţĥéé ûûŕĝéé]
entry-urge-step-observe-body = [ÖÖƀšééŕṽéé îîţ îîñ ţĥéé ƀööðý ááñð ţĥööûûĝĥţš]
entry-urge-step-breathe = [Ɓŕééááţĥéé]
entry-urge-step-ride-the-wave = [Ŕîîðéé ţĥéé ŵááṽéé]
entry-urge-step-notice-it-fall = [Ñööţîîçéé îîţ ƒááļļ]
entry-urge-step-stop = [Šţööþ]
entry-urge-step-observe = [ÖÖƀšééŕṽéé]
entry-urge-step-expand-awareness = [ÉÉẋþááñð ááŵááŕééñééšš]
entry-urge-step-respond-mindfully = [Ŕééšþööñð ɱîîñðƒûûļļý]
entry-urge-wave = [Ŵááṽéé: { $value }]
entry-urge-wave-point = [{ $n } ááţ { $minute } ɱîîñ]
entry-urge-outcome-not-yet-recorded = [Ñööţ ŕééçööŕðééð ýééţ]
entry-urge-outcome-rode-it-out = [Ŕööðéé îîţ ööûûţ]
entry-urge-outcome-acted-on-urge = [ÅÅçţééð ööñ ţĥéé ûûŕĝéé]
report-title = [Ţîîðééļîîñéé ĵööûûŕñááļ ŕééþööŕţ]
report-made-by =
    { "[" }{ $count ->
        [one] Ṁááðéé ƀý ţĥéé þááţîîééñţ ööñ { $date } ƒŕööɱ ţĥééîîŕ ööŵñ ĵööûûŕñááļ: { $count } ééñţŕý, çĥööšééñ ƀý ţĥééɱ.
       *[other] Ṁááðéé ƀý ţĥéé þááţîîééñţ ööñ { $date } ƒŕööɱ ţĥééîîŕ ööŵñ ĵööûûŕñááļ: { $count } ééñţŕîîééš, çĥööšééñ ƀý ţĥééɱ.
    }]
report-date = [{ $day } { $month } { $year }]
report-prepared-for = [Þŕééþááŕééð ƒööŕ: { $reader }]
report-part2-notice = [42 ÇƑŔ þááŕţ 2 þŕööĥîîƀîîţš ûûñááûûţĥööŕîîžééð ûûšéé ööŕ ðîîšçļööšûûŕéé ööƒ ţĥééšéé ŕééçööŕðš.]
report-chart-cravings = [Çŕááṽîîñĝ îîñţééñšîîţý ööṽééŕ ţîîɱéé (0 ţöö 10)]
report-chart-cravings-span = [ƒŕööɱ { $from } ţöö { $to }]
report-chart-urge = [Ţĥéé ûûŕĝéé ŵááṽéé (îîñţééñšîîţý 0 ţöö 10)]
report-chart-urge-axis = [ɱîîñûûţééš šîîñçéé ţĥéé šţááŕţ]
entry-when = [{ $weekday } { $day } { $month } { $year }, { $time }]
date-weekday-short-1 = [Ṁööñ]
date-weekday-short-2 = [Ţûûéé]
date-weekday-short-3 = [Ŵééð]
date-weekday-short-4 = [Ţĥûû]
date-weekday-short-5 = [Ƒŕîî]
date-weekday-short-6 = [Šááţ]
date-weekday-short-7 = [Šûûñ]
date-month-short-1 = [Ĵááñ]
date-month-short-2 = [Ƒééƀ]
date-month-short-3 = [Ṁááŕ]
date-month-short-4 = [ÅÅþŕ]
date-month-short-5 = [Ṁááý]
date-month-short-6 = [Ĵûûñ]
date-month-short-7 = [Ĵûûļ]
date-month-short-8 = [ÅÅûûĝ]
date-month-short-9 = [Šééþ]
date-month-short-10 = [ÖÖçţ]
date-month-short-11 = [Ñööṽ]
date-month-short-12 = [Ðééç]
