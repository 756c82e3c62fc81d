### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:
### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.

trigger-need-hungry = [Ĥûûñĝŕý]
trigger-need-angry = [ÅÅñĝŕý]
trigger-need-lonely = [Ļööñééļý]
trigger-need-tired = [Ţîîŕééð]
trigger-part-morning = [Ṁööŕñîîñĝ]
trigger-part-afternoon = [ÅÅƒţééŕñööööñ]
trigger-part-evening = [ÉÉṽééñîîñĝ]
trigger-part-night = [Ñîîĝĥţ]
trigger-pick-stress = [Šţŕééšš]
trigger-pick-boredom = [Ɓööŕééðööɱ]
trigger-pick-old-friends = [Šééééîîñĝ ööļð ƒŕîîééñðš]
trigger-pick-out-of-nowhere = [ÖÖûûţ ööƒ ñööŵĥééŕéé]
