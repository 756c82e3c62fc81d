### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

help-title = [Ĝééţ ĥééļþ ñööŵ]
help-unreachable = [Ţîîðééļîîñéé çööûûļð ñööţ šĥööŵ ţĥéé ĥééļþ ļîîñééš ĵûûšţ ñööŵ. Þļééáášéé çļööšéé ááñð ŕééööþééñ ţĥéé ááþþ.]
help-people-title = [Ýööûûŕ þééööþļéé]
help-no-contacts = [Ýööûû ĥááṽéé ñööţ ááððééð šûûþþööŕţ çööñţááçţš ýééţ. Ýööûû çááñ ááðð ţĥééɱ ûûñðééŕ Ṁý þļááñ.]
help-call = [Çááļļ { $name }]
help-text = [Ţééẋţ { $name }]
