### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

common-days =
    { "[" }{ $count ->
        [one] { $count } ðááý
       *[other] { $count } ðááýš
    }]
