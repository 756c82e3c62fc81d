### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

intensity-word =
    { "[" }{ $value ->
        [0] ñööñéé
        [1] ɱîîļð
        [2] ɱîîļð
        [3] ɱîîļð
        [4] ɱööðééŕááţéé
        [5] ɱööðééŕááţéé
        [6] ɱööðééŕááţéé
        [7] šţŕööñĝ
        [8] šţŕööñĝ
       *[other] ṽééŕý šţŕööñĝ
    }]
intensity-value-text = [{ $value } ööûûţ ööƒ 10, { $word }]
intensity-not-chosen = [ñööţ çĥööšééñ ýééţ]
intensity-not-chosen-shown = [Ñööţ çĥööšééñ ýééţ]
locked-capture-summary = [Ŵŕîîţéé šööɱééţĥîîñĝ ðööŵñ ŵîîţĥööûûţ ûûñļööçķîîñĝ]
locked-capture-saved = [Šááṽééð ááñð ļööçķééð. ÎÎţ ĵööîîñš ýööûûŕ ĵööûûŕñááļ ŵĥééñ ýööûû ûûñļööçķ; ñööţĥîîñĝ çááñ ƀéé ŕééááð ĥééŕéé ŵîîţĥööûûţ ýööûûŕ þááššþĥŕáášéé.]
locked-capture-another = [Ŵŕîîţéé ááñööţĥééŕ]
locked-capture-text = [ÅÅ çŕááṽîîñĝ, ŕîîĝĥţ ñööŵ. ÎÎţ îîš šééááļééð ááţ ööñçéé ááñð ááððééð ţöö ýööûûŕ ĵööûûŕñááļ ááţ ýööûûŕ ñééẋţ ûûñļööçķ.]
locked-capture-happening = [Ŵĥááţ îîš ĥááþþééñîîñĝ? (ööþţîîööñááļ)]
locked-capture-save = [Šááṽéé, šţîîļļ ļööçķééð]
strength-0 = [Ṽééŕý ŵééááķ]
strength-1 = [Ŵééááķ]
strength-2 = [Ƒááîîŕ]
strength-3 = [Ĝööööð]
strength-4 = [Šţŕööñĝ]
strength-not-enough = [{ $word }: ñööţ ééñööûûĝĥ ýééţ]
