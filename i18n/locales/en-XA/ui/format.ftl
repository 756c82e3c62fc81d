### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

format-starting-now = [šţááŕţîîñĝ ñööŵ]
format-in = [îîñ { $time }]
format-and = [{ $a }, { $b }]
format-days =
    { "[" }{ $n ->
        [one] { $n } ðááý
       *[other] { $n } ðááýš
    }]
format-hours =
    { "[" }{ $n ->
        [one] { $n } ĥööûûŕ
       *[other] { $n } ĥööûûŕš
    }]
format-minutes =
    { "[" }{ $n ->
        [one] { $n } ɱîîñûûţéé
       *[other] { $n } ɱîîñûûţééš
    }]
format-seconds =
    { "[" }{ $n ->
        [one] { $n } šééçööñð
       *[other] { $n } šééçööñðš
    }]
format-hours-minutes = [{ $hours } { $minutes }]
format-today = [ţööðááý]
format-yesterday = [ýééšţééŕðááý]
