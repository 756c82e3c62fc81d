### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

home-title = [Ĥööɱéé]
home-title-day = [Ðááý { $day } ööƒ ýööûûŕ þŕööĝŕááɱ]
home-device-title = [ÅÅ ñééŵ ðééṽîîçéé]
home-device-see = [Šéééé ţĥéé ðééṽîîçééš]
home-write-craving = [Ŵŕîîţéé ðööŵñ áá çŕááṽîîñĝ]
home-check-halt = [Çĥééçķ îîñ ŵîîţĥ ĤÅÅĻŢ]
home-surf-urge = [Šûûŕƒ ááñ ûûŕĝéé]
home-next-title = [Ñééẋţ šééššîîööñ]
home-session-when = [{ $date } ţöö { $end }]
home-reply = [Ŕééþļý ţöö ţĥîîš îîñṽîîţááţîîööñ]
home-no-session = [Ñöö ûûþçööɱîîñĝ šééššîîööñ îîš ööñ ýööûûŕ çááļééñðááŕ.]
home-add-session = [ÅÅðð áá šééššîîööñ]
home-aftercare = [ÅÅƒţééŕçááŕéé]
home-this-week = [Ţĥîîš ŵééééķ]
home-checkins = [Ýööûûŕ çĥééçķ-îîñš]
home-attended =
    { "[" }{ $count ->
        [one] { $count } šééššîîööñ ááţţééñðééð šöö ƒááŕ
       *[other] { $count } šééššîîööñš ááţţééñðééð šöö ƒááŕ
    }]
home-recent-title = [Ŕééçééñţ ááçţîîṽîîţý]
home-recent-empty = [Ñööţĥîîñĝ ļööĝĝééð ýééţ. Ŵĥééñééṽééŕ áá çŕááṽîîñĝ çööɱééš, ŵŕîîţîîñĝ îîţ ðööŵñ îîš áá ĝööööð ƒîîŕšţ šţééþ.]
home-recent-when = [{ $day }, { $time }]
activity-lapse = [Ļööĝĝééð áá ļááþšéé ááñð ķééþţ ĝööîîñĝ]
activity-craving = [Ļööĝĝééð áá çŕááṽîîñĝ, îîñţééñšîîţý { $intensity }]
activity-halt-flagged = [ĤÅÅĻŢ çĥééçķ: { $needs }]
activity-halt-steady = [ĤÅÅĻŢ çĥééçķ: ááļļ šţééááðý]
activity-urge = [Šûûŕƒééð ááñ ûûŕĝéé ƒŕööɱ { $start } ţöö { $end }]
