### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

unlock-title = [Ţîîðééļîîñéé îîš ļööçķééð]
unlock-passphrase-label = [Þááššþĥŕáášéé]
unlock-wrong-passphrase = [Ţĥááţ þááššþĥŕáášéé ðîîð ñööţ ûûñļööçķ Ţîîðééļîîñéé. Çĥééçķ ţĥááţ çááþš ļööçķ îîš ööƒƒ, ááñð ţŕý ááĝááîîñ.]
unlock-wrong-key = [Ţĥááţ ŕééçööṽééŕý ķééý ðîîð ñööţ ûûñļööçķ Ţîîðééļîîñéé. Çĥééçķ ééááçĥ ĝŕööûûþ, ááñð ţŕý ááĝááîîñ.]
unlock-locked-out = [Ţĥééŕéé ĥááṽéé ƀééééñ šééṽééŕááļ ááţţééɱþţš îîñ áá ŕööŵ, šöö Ţîîðééļîîñéé îîš þááûûšîîñĝ ƀééƒööŕéé ţĥéé ñééẋţ ööñéé.]
unlock-wrong-biometric = [Ţĥéé ƒîîñĝééŕþŕîîñţ ööŕ ƒááçéé çĥééçķ ðîîð ñööţ ööþééñ Ţîîðééļîîñéé. Ýööûû çááñ ţýþéé ýööûûŕ þááššþĥŕáášéé îîñšţééááð.]
unlock-wait-before = [Ýööûû çááñ ţŕý ááĝááîîñ îîñ]
unlock-wait-seconds =
    { "[" }{ $seconds ->
        [one] { $seconds } šééçööñð
       *[other] { $seconds } šééçööñðš
    }]
unlock-wait-after = [.]
unlock-unlocking = [ÛÛñļööçķîîñĝ…]
unlock-unlock = [ÛÛñļööçķ]
unlock-use-key = [ÛÛšéé ŕééçööṽééŕý ķééý]
unlock-biometric = [ÛÛñļööçķ ŵîîţĥ ƒîîñĝééŕþŕîîñţ ööŕ ƒááçéé]
unlock-recovery-title = [ÛÛñļööçķ ŵîîţĥ ýööûûŕ ŕééçööṽééŕý ķééý]
unlock-recovery-text = [Ţýþéé ţĥéé ŕééçööṽééŕý ķééý ýööûû ŵŕööţéé ðööŵñ, ţĥééñ çĥööööšéé áá ñééŵ þááššþĥŕáášéé.]
unlock-recovery-key-label = [Ŕééçööṽééŕý ķééý]
unlock-new-passphrase-label = [Ñééŵ þááššþĥŕáášéé]
unlock-repeat-label = [Ţýþéé ţĥéé ñééŵ þááššþĥŕáášéé ááĝááîîñ]
unlock-recover = [ÛÛñļööçķ ááñð šééţ þááššþĥŕáášéé]
unlock-use-passphrase = [ÛÛšéé þááššþĥŕáášéé]
