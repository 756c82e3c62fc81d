### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

clinic-title = [Çļîîñîîç]
clinic-loading = [Ļööááðîîñĝ…]
clinic-connect-title = [Çööññééçţ ţöö ɱý çļîîñîîç]
clinic-connect-again-title = [Çööññééçţ ááĝááîîñ]
clinic-connect-intro = [Ýööûûŕ çļîîñîîç ĝîîṽééš ýööûû îîţš ááððŕééšš ááñð áá ööñéé-ţîîɱéé çööðéé. ÖÖñçéé çööññééçţééð, ýööûûŕ šééššîîööñ šçĥééðûûļéé çööɱééš ţöö ţĥîîš ðééṽîîçéé, ááñð ýööûûŕ ááñšŵééŕš ("ÎÎ'ļļ ƀéé ţĥééŕéé", "Çááñ'ţ ɱááķéé îîţ") ĝöö ţöö ţĥéé çļîîñîîç. Ýööûûŕ ĵööûûŕñááļ, ĤÅÅĻŢ çĥééçķš ááñð ûûŕĝéé šûûŕƒîîñĝ šţááý ööñ ţĥîîš ðééṽîîçéé.]
clinic-address = [Çļîîñîîç ááððŕééšš]
clinic-address-placeholder = [çļîîñîîç.ééẋááɱþļéé]
clinic-code = [Çööðéé ƒŕööɱ ţĥéé çļîîñîîç]
clinic-connect-submit = [Çööññééçţ ţöö ɱý çļîîñîîç]
clinic-connect-again-submit = [Çööññééçţ ááĝááîîñ]
clinic-connected = [Çööññééçţééð ţöö { $clinic }.]
clinic-your-clinic = [Ýööûûŕ çļîîñîîç]
clinic-your-clinic-lower = [ýööûûŕ çļîîñîîç]
clinic-the-clinic = [ţĥéé çļîîñîîç]
clinic-refused = [Ţĥéé çļîîñîîç ñöö ļööñĝééŕ ááççééþţš ţĥîîš ðééṽîîçéé, šöö ñööţĥîîñĝ îîš šééñţ. ÅÅšķ ţĥéé çļîîñîîç ƒööŕ áá ñééŵ çööðéé ţöö çööññééçţ ááĝááîîñ. Ýööûûŕ ááñšŵééŕš ááŕéé ķééþţ ûûñţîîļ ţĥééñ.]
clinic-reconnect = [Ţĥîîš ĵööûûŕñááļ çááɱéé ƀááçķ ƒŕööɱ áá ƀááçķûûþ. Ɓááçķûûþš ñééṽééŕ çááŕŕý ţĥîîš ðééṽîîçéé'š ķééý ƒööŕ ţĥéé çļîîñîîç, šöö ñööţĥîîñĝ îîš šééñţ. Ŕééçööññééçţ ŵîîţĥ áá ñééŵ çööðéé ƒŕööɱ ţĥéé çļîîñîîç. Ýööûûŕ ááñšŵééŕš ááŕéé ķééþţ ûûñţîîļ ţĥééñ.]
clinic-last-synced = [Ļáášţ šýñçééð]
clinic-not-yet = [Ñööţ ýééţ]
clinic-synced-today = [Ţööðááý ááţ { $time }]
clinic-synced-yesterday = [Ýééšţééŕðááý ááţ { $time }]
clinic-your-answers = [Ýööûûŕ ááñšŵééŕš]
clinic-next-try = [Ñééẋţ ţŕý: { $when }.]
clinic-sync-now = [Šýñç ñööŵ]
clinic-syncing = [Šýñçîîñĝ…]
clinic-new-device-title = [ÅÅ ñééŵ ðééṽîîçéé]
clinic-seen-it = [ÎÎ ĥááṽéé šééééñ ţĥîîš]
clinic-devices-title = [Ðééṽîîçééš çööññééçţééð ţöö ýööûûŕ çļîîñîîç ááççööûûñţ]
clinic-devices-intro = [ÉÉááçĥ ööƒ ţĥééšéé çááñ šééñð ááñšŵééŕš ááñð šîîĝñ šĥááŕééš îîñ ýööûûŕ ñááɱéé. ÎÎƒ ýööûû ðöö ñööţ ķñööŵ ööñéé, ţééļļ ýööûûŕ çļîîñîîç; ţĥééý çááñ ŕééɱööṽéé îîţ.]
clinic-this-device = [Ţĥîîš ðééṽîîçéé]
clinic-device = [Ðééṽîîçéé { $id }]
clinic-device-new = [Ñééŵ]
clinic-device-connected = [Çööññééçţééð]
clinic-device-connected-at = [Çööññééçţééð { $when }]
clinic-device-removed-at = [; ŕééɱööṽééð { $when }]
clinic-parked-title = [ÅÅñšŵééŕš ţĥéé çļîîñîîç ðîîð ñööţ ááççééþţ]
clinic-parked-session = [{ $name }, { $when }]
clinic-parked-a-session = [ÅÅ šééššîîööñ]
clinic-parked-answer = [Ýööûûŕ ááñšŵééŕ: { $answer }]
clinic-dismiss = [Ðîîšɱîîšš]
clinic-dismiss-label = [Ðîîšɱîîšš ţĥéé ñööţéé ááƀööûûţ { $session }]
clinic-disconnect-title = [Ðîîšçööññééçţ]
clinic-disconnect-intro = [Ţĥîîš ðééṽîîçéé šţööþš šýñçîîñĝ ŵîîţĥ { $clinic }. Ýööûûŕ šééššîîööñš ááñð ééṽééŕýţĥîîñĝ ýööûû ŵŕööţéé šţááý ööñ ţĥîîš ðééṽîîçéé. ÅÅñšŵééŕš ñööţ šééñţ ýééţ ááŕéé ķééþţ ááñð ĝöö ööûûţ îîƒ ýööûû çööññééçţ ááĝááîîñ.]
clinic-disconnect = [Ðîîšçööññééçţ]
clinic-disconnect-question = [Ðîîšçööññééçţ ţĥîîš ðééṽîîçéé ƒŕööɱ { $clinic }?]
clinic-disconnect-confirm = [Ðîîšçööññééçţ ƒŕööɱ ţĥéé çļîîñîîç]
clinic-disconnected = [Ţĥîîš ðééṽîîçéé îîš ñöö ļööñĝééŕ çööññééçţééð ţöö ţĥéé çļîîñîîç. Ýööûûŕ šééššîîööñš ááñð ééñţŕîîééš šţááý ööñ ţĥîîš ðééṽîîçéé.]
clinic-problem-generic = [Šööɱééţĥîîñĝ ŵééñţ ŵŕööñĝ. Þļééáášéé ţŕý ááĝááîîñ.]
clinic-problem-offline = [Ţĥéé çļîîñîîç çööûûļð ñööţ ƀéé ŕééááçĥééð. Çĥééçķ ţĥéé ááððŕééšš ááñð ýööûûŕ îîñţééŕñééţ çööññééçţîîööñ, ţĥééñ ţŕý ááĝááîîñ.]
clinic-problem-locked-out-in = [Ţöööö ɱááñý ţŕîîééš ŵîîţĥ áá çööðéé ţĥááţ ðîîð ñööţ ŵööŕķ. Ýööûû çááñ ţŕý ááĝááîîñ îîñ { $seconds } šééçööñðš, ööŕ áášķ ţĥéé çļîîñîîç ƒööŕ áá ñééŵ çööðéé.]
clinic-problem-locked-out-later = [Ţöööö ɱááñý ţŕîîééš ŵîîţĥ áá çööðéé ţĥááţ ðîîð ñööţ ŵööŕķ. Ýööûû çááñ ţŕý ááĝááîîñ ļááţééŕ, ööŕ áášķ ţĥéé çļîîñîîç ƒööŕ áá ñééŵ çööðéé.]
clinic-problem-address = [Çĥééçķ ţĥéé çļîîñîîç'š ááððŕééšš: îîţ { $reason }]
clinic-problem-locked = [Ţîîðééļîîñéé ļööçķééð îîţšééļƒ. ÛÛñļööçķ ţöö çööñţîîñûûéé.]
clinic-sync-offline = [Ţĥéé çļîîñîîç çööûûļð ñööţ ƀéé ŕééááçĥééð ŕîîĝĥţ ñööŵ. Ýööûûŕ ááñšŵééŕš ááŕéé šááṽééð ööñ ţĥîîš ðééṽîîçéé ááñð ŵîîļļ ƀéé šééñţ ļááţééŕ.]
clinic-report-sessions =
    { "[" }{ $count ->
        [one] { $count } šééššîîööñ ûûþðááţééð
       *[other] { $count } šééššîîööñš ûûþðááţééð
    }]
clinic-report-sent =
    { "[" }{ $count ->
        [one] { $count } ááñšŵééŕ šééñţ
       *[other] { $count } ááñšŵééŕš šééñţ
    }]
clinic-report-parked =
    { "[" }{ $count ->
        [one] { $count } ááñšŵééŕ ñööţ ááççééþţééð (šéééé ƀééļööŵ)
       *[other] { $count } ááñšŵééŕš ñööţ ááççééþţééð (šéééé ƀééļööŵ)
    }]
clinic-report-care = [ýööûûŕ ļééṽééļ ööƒ çááŕéé ûûþðááţééð]
clinic-report = [Šýñçééð: { $parts }.]
clinic-report-nothing = [Šýñçééð. ÉÉṽééŕýţĥîîñĝ îîš ûûþ ţöö ðááţéé.]
clinic-pending-none = [ÅÅļļ ýööûûŕ ááñšŵééŕš ĥááṽéé ƀééééñ šééñţ.]
clinic-pending =
    { "[" }{ $count ->
        [one] { $count } ááñšŵééŕ îîš ŵááîîţîîñĝ ţöö ƀéé šééñţ.
       *[other] { $count } ááñšŵééŕš ááŕéé ŵááîîţîîñĝ ţöö ƀéé šééñţ.
    }]
clinic-answer-accepted = [ÎÎ'ļļ ƀéé ţĥééŕéé]
clinic-answer-tentative = [Ṁááýƀéé]
clinic-answer-declined = [Çááñ'ţ ɱááķéé îîţ]
clinic-answer-needs-action = [Ñööţ ááñšŵééŕééð]
