"""The words the fetch-side relevance filter looks for, one table per language.

Each entry is a regex fragment (trusted, written here), matched case-insensitively and
at word boundaries.  A trailing `\\w*` lets a stem match its inflections, which is how
Russian, Azerbaijani and Armenian nouns are written in the news: Карабахе, Карабахского;
Qarabağda, Ermənistanın; Ղարաբաղում, Հայաստանի.  Stems that would swallow a common
unrelated word are spelled out instead: Russian `газ` is listed by its case forms so it
does not match газета, Armenian `ական` (mine) so it does not match ականատես (eyewitness),
Armenian `գերի` (prisoner) so it does not match գերիշխող (dominant).

Categories (what `relevance.py` does with them):

- `anchors`: the region's own names (Karabakh and its adjectives, the South Caucasus) and its
  people.  A story that names none of them and no gazetteer place is dropped.
- `armenia` / `azerbaijan`: the two sides' names (countries, capitals standing for their
  governments, leaders).  A story naming both is about their relations, whatever else it is about.
- `specific`: only this conflict (Nagorno-Karabakh, Artsakh and its capital's Armenian name
  Stepanakert, the Lachin corridor, delimitation, the line of contact).  A story with one is
  always kept.
- `conflict`: violence, soldiers, talks, prisoners.  A story about football, gas or a
  festival that also has one of these is kept.
- `sport`, `business`, `culture`: topics a story that merely names the region is not about
  the conflict for (ФК «Карабах», Qarabağ FK, Ղարաբաղ ՖԱ; SOCAR's gas exports; a film
  festival in Yerevan).  Looked for in the headline and the first lines only.
- `other_wars`: other countries' wars.  A story that names them more often than the
  region (Ukraine's drones "as in Karabakh") is about them.

Towns, villages, districts and provinces are not listed here: they are the gazetteer's
(`briefing/extract/places.csv` and `lexicon/places-<lang>.csv`), which `relevance.py` reads.
"""

from __future__ import annotations

from dataclasses import dataclass

# A football score ("0:2", "5:0", "3-2"): one digit after the colon, so a time ("14:05") is not one.
SCORE = r"\d{1,2}\s?[:–-]\s?\d(?![\d:–-])"


@dataclass(frozen=True, slots=True)
class Words:
    anchors: tuple[str, ...] = ()
    armenia: tuple[str, ...] = ()
    azerbaijan: tuple[str, ...] = ()
    specific: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    sport: tuple[str, ...] = ()
    business: tuple[str, ...] = ()
    culture: tuple[str, ...] = ()
    other_wars: tuple[str, ...] = ()


ENGLISH = Words(
    anchors=(r"karabag?kh\w*", r"south caucasus", r"kocharyan\w*", r"sargsyan\w*", r"crossroads of peace"),
    armenia=(r"armenia\w*", r"yerevan\w*", r"pashinyan\w*", r"mirzoyan\w*"),
    azerbaijan=(r"azerbaijan\w*", r"azeri\w*", r"baku", r"aliyev\w*", r"bayramov\w*"),
    specific=(
        r"nagorno\w*", r"artsakh\w*", r"stepanakert\w*", r"lachin corridor", r"zangezur corridor", r"delimitation", r"demarcation",
        r"line of contact", r"minsk group", r"euma", r"eu mission in armenia",
    ),
    conflict=(
        r"killed", r"kills?", r"killing", r"dead", r"deaths?", r"died", r"wounded", r"casualt\w*", r"shelled",
        r"shelling", r"gunfire", r"opened fire", r"open fire", r"under fire", r"ceasefire\w*", r"truce",
        r"sniper\w*", r"drones?", r"soldiers?", r"servicem[ae]n", r"troops", r"army", r"armed forces",
        r"military", r"defen[cs]e ministry", r"ministry of defen[cs]e", r"border guards?",
        r"border (?:clash|incident|shooting|post)\w*", r"landmines?", r"mine (?:blast|explosion)\w*",
        r"demining", r"clash\w*", r"skirmish\w*", r"attacked", r"attacks? on", r"provocation\w*",
        r"peace (?:treaty|agreement|deal|talks|process|agenda)", r"negotiation\w*", r"prisoners?",
        r"detainees?", r"pows?", r"refugees?", r"displaced", r"blockade\w*", r"occupation", r"occupied",
        r"wars?", r"warfare", r"conflict\w*", r"terror\w*", r"peacekeep\w*", r"escalation", r"aggression",
        r"artillery", r"mortars?", r"missiles?", r"rockets?", r"explosion\w*",
    ),
    sport=(
        r"football\w*", r"soccer", r"fc", r"f\.c\.", r"uefa", r"fifa", r"champions league", r"europa league",
        r"conference league", r"premier league", r"match(?:es)?", r"striker\w*", r"goalkeeper\w*",
        r"stadium\w*", r"tournament\w*", r"championships?", r"olympi\w*", r"wrestl\w*", r"boxing", r"judo",
        r"chess", r"grand prix", r"formula 1", r"national team", r"qualifier\w*", SCORE,
    ),
    business=(
        r"gas", r"oil", r"pipelines?", r"socar", r"gazprom", r"bp", r"lng", r"crude", r"barrels?", r"opec",
        r"brent", r"tanap", r"exports?", r"imports?", r"tariffs?", r"gdp", r"inflation", r"bcm",
        r"cubic met\w*", r"energy", r"electricity", r"investments?", r"banks?", r"stock markets?", r"prices?",
        r"trade turnover",
    ),
    culture=(
        r"films?", r"movies?", r"cinema", r"festival\w*", r"concerts?", r"exhibitions?", r"museums?",
        r"theat(?:re|er)s?", r"opera", r"ballet", r"music\w*", r"singers?", r"albums?", r"book fair",
        r"eurovision", r"artists?", r"painters?", r"carpets?", r"mugham", r"jazz", r"galler(?:y|ies)",
    ),
    other_wars=(
        r"ukrain\w*", r"kyiv", r"kiev", r"kharkiv", r"donbas\w*", r"donetsk", r"luhansk", r"zaporizhzhia",
        r"kherson", r"odesa", r"odessa", r"kursk", r"gaza", r"hamas", r"hezbollah", r"houthis?", r"yemen\w*",
        r"sudan\w*", r"syria\w*", r"israel\w*", r"kryvyi rih",
    ),
)

RUSSIAN = Words(
    anchors=(r"карабах\w*", r"закавказ\w*", r"южн\w* кавказ\w*", r"кочарян\w*", r"саргсян\w*"),
    armenia=(r"армени\w*", r"армян\w*", r"ерева\w*", r"пашинян\w*", r"мирзоян\w*"),
    azerbaijan=(r"азербайджан\w*", r"азер\w*", r"баку", r"алиев\w*", r"байрамов\w*"),
    specific=(
        r"нагорн\w* карабах\w*", r"арцах\w*", r"степанакерт\w*", r"лачинск\w* коридор\w*", r"зангезурск\w* коридор\w*",
        r"делимитац\w*", r"демаркац\w*", r"лини\w* соприкосновени\w*", r"минск\w* групп\w*",
    ),
    conflict=(
        r"погиб\w*", r"гибел\w*", r"убит\w*", r"ранен\w*", r"ранени\w*", r"пострадал\w*", r"обстрел\w*",
        r"открыл\w* огонь", r"огн[её]м", r"снайпер\w*", r"беспилотник\w*", r"дрон\w*", r"военнослужащ\w*",
        r"солдат\w*", r"военн\w*", r"войск\w*", r"арми(?:я|и|ю|ей)", r"минобороны", r"министерств\w* обороны",
        r"погранич\w*", r"мин(?:а|ы|у|е|ой)", r"разминир\w*", r"перестрелк\w*", r"столкновени\w*",
        r"нападени\w*", r"провокац\w*", r"диверс\w*", r"перемири\w*", r"прекращени\w* огня",
        r"мирн\w* (?:договор|соглашени|переговор|процесс|повестк)\w*", r"переговор\w*", r"пленн\w*",
        r"военнопленн\w*", r"беженц\w*", r"переселен\w*", r"блокад\w*", r"оккупац\w*", r"оккупир\w*",
        r"войн(?:а|ы|е|у|ой)", r"конфликт\w*", r"теракт\w*", r"миротвор\w*", r"эскалац\w*", r"агресси\w*",
        r"ракетн\w*", r"ракет(?:а|ы|у|ой)?", r"артиллери\w*", r"мином[её]т\w*", r"взрыв\w*",
    ),
    sport=(
        r"футбол\w*", r"фк", r"уефа", r"фифа", r"лиг\w* (?:чемпионов|европы|конференций)", r"премьер-лиг\w*",
        r"матч\w*", r"чемпионат\w*", r"турнир\w*", r"сборн(?:ая|ой|ую)", r"тренер\w*", r"стадион\w*",
        r"нападающ\w*", r"вратар\w*", r"полузащитник\w*", r"гол(?:а|ом|ы)?", r"обыгра\w*", r"отыгра\w*",
        r"ничь(?:я|ю|ей)", r"олимпи\w*", r"борц\w*", r"бокс\w*", r"дзюдо", r"шахмат\w*", r"гран-при",
        r"формул\w*[- ]1", r"клуб\w*", r"плей-офф",
    ),
    business=(
        r"газ(?:а|у|ом|е|ы|ов)?", r"газов\w*", r"газопровод\w*", r"нефт\w*", r"нефтепровод\w*",
        r"трубопровод\w*", r"газпром\w*", r"сокар", r"гнкар", r"спг", r"баррел\w*", r"опек\w*", r"экспорт\w*",
        r"импорт\w*", r"тариф\w*", r"ввп", r"инфляц\w*", r"кубометр\w*", r"энергетик\w*", r"электроэнерги\w*",
        r"инвестиц\w*", r"банк(?:а|у|ом|е|и|ов)?", r"бирж\w*", r"товарооборот\w*", r"цен(?:а|ы|у|ой|ам)",
        r"манат\w*",
    ),
    culture=(
        r"фильм\w*", r"кино\w*", r"кинофестивал\w*", r"фестивал\w*", r"концерт\w*", r"выставк\w*",
        r"музе(?:й|я|ю|е|ев)", r"театр\w*", r"опер(?:а|ы|е|у|ой)", r"балет\w*", r"музык\w*", r"певиц\w*",
        r"певца?", r"альбом\w*", r"евровидени\w*", r"художник\w*", r"мугам\w*", r"джаз\w*", r"галере\w*",
        r"спектакл\w*",
    ),
    other_wars=(
        r"украин\w*", r"киев\w*", r"харьков\w*", r"донбасс?\w*", r"донецк\w*", r"луганск\w*", r"запорож\w*",
        r"херсон\w*", r"одесс\w*", r"курск\w*", r"белгород\w*", r"сво", r"сектор\w* газа", r"хамас\w*",
        r"хезболл\w*", r"хусит\w*", r"йемен\w*", r"судан\w*", r"сири(?:я|и|ю|ей)", r"сирийск\w*",
        r"израил\w*", r"кривой рог", r"кривом роге", r"кривого рога",
    ),
)

AZERBAIJANI = Words(
    anchors=(r"qaraba[ğg]\w*", r"c[əe]nubi qafqaz\w*"),
    armenia=(r"erm[əe]nistan\w*", r"erm[əe]ni\w*", r"ir[əe]van\w*", r"paşinyan\w*", r"mirzoyan\w*"),
    azerbaijan=(r"az[əe]rbaycan\w*", r"bakı\w*", r"baki(?:da|dan|ya|nin)?", r"[əe]liyev\w*", r"bayramov\w*"),
    specific=(
        r"da[ğg]l[ıi]q qaraba[ğg]\w*", r"laç[ıi]n d[əe]hliz\w*", r"z[əe]ng[əe]zur d[əe]hliz\w*",
        r"delimitasiya\w*", r"demarkasiya\w*", r"t[əe]mas x[əe]tt\w*", r"minsk qrup\w*",
        r"işğaldan azad\w*", r"v[əe]t[əe]n müharib[əe]\w*",
    ),
    conflict=(
        r"h[əe]lak\w*", r"ş[əe]hid\w*", r"yaralan\w*", r"xəsarət\w*", r"atəş\w*", r"snayper\w*", r"pua",
        r"dron\w*", r"hərbçi\w*", r"hərbi\w*", r"əsgər\w*", r"ordu(?!bad)\w*", r"qoşun\w*", r"müdafiə nazirliy\w*",
        r"s[əe]rh[əe]d(?:çi|\s+xidm[əe]t|\s+post|\s+boyu|\s+zolağ)\w*", r"mina\w*", r"partlayış\w*",
        r"toqquşma\w*", r"t[əe]xribat\w*", r"hücum(?!çu)\w*", r"müharib[əe]\w*", r"münaqiş[əe]\w*",
        r"sülh (?:müqavil|saziş|gündəli|prosesi|danışıq)\w*", r"danışıq\w*", r"əsir\w*", r"girov\w*",
        r"qaçqın\w*", r"köçkün\w*", r"blokada\w*", r"işğal\w*", r"terror\w*", r"sülhməramlı\w*",
        r"artilleriya\w*", r"minaatan\w*", r"raket\w*", r"döyüş\w*", r"mövqe\w*",
    ),
    sport=(
        r"futbol\w*", r"fk", r"uefa", r"fifa", r"çempionlar liqas\w*", r"avropa liqas\w*",
        r"konfrans liqas\w*", r"premyer liqa\w*", r"liqa\w*", r"matç\w*", r"çempionat\w*", r"turnir\w*",
        r"yığma\w*", r"məşqçi\w*", r"stadion\w*", r"hücumçu\w*", r"qapıçı\w*", r"qol", r"olimpiya\w*",
        r"güləş\w*", r"boks\w*", r"cüdo\w*", r"şahmat\w*", r"formula[- ]1", r"qran[- ]pri", r"klub\w*",
        r"heç-heçə",
    ),
    business=(
        r"qaz(?:ı|ın|a|da|dan|la)?", r"neft\w*", r"boru k[əe]m[əe]r\w*", r"qaz k[əe]m[əe]r\w*", r"socar",
        r"qazprom\w*", r"barel\w*", r"opek\w*", r"brent", r"tanap", r"ixrac\w*", r"idxal\w*", r"tarif\w*",
        r"üdm", r"inflyasiya\w*", r"kub metr\w*", r"enerji\w*", r"elektrik\w*", r"investisiya\w*",
        r"bank(?:ı|ın|lar\w*)?", r"birja\w*", r"ticar[əe]t dövriyy[əe]\w*", r"qiym[əe]t\w*", r"manat\w*",
    ),
    culture=(
        r"film\w*", r"kino\w*", r"festival\w*", r"konsert\w*", r"s[əe]rgi\w*", r"muzey\w*", r"teatr\w*",
        r"opera", r"balet\w*", r"musiqi\w*", r"müğənni\w*", r"albom\w*", r"avroviziya\w*", r"r[əe]ssam\w*",
        r"xalça\w*", r"muğam\w*", r"caz", r"qalereya\w*", r"tamaşa\w*",
    ),
    other_wars=(
        r"ukrayna\w*", r"kiyev\w*", r"xarkov\w*", r"donbas\w*", r"donetsk\w*", r"luqansk\w*", r"zaporojye\w*",
        r"xerson\w*", r"q[əe]zza\w*", r"h[əe]mas\w*", r"hizbullah\w*", r"husi\w*", r"y[əe]m[əe]n\w*",
        r"sudan\w*", r"suriya\w*", r"israil\w*", r"krivoy roq\w*",
    ),
)

# Armenian "և" (one letter) is also written "եւ", and in capitals "ԵՎ": all three are matched.
_EV = r"(?:և|եւ|եվ)"

ARMENIAN = Words(
    anchors=(r"ղարաբաղ\w*", r"քոչարյան\w*", r"սարգսյան\w*", r"հարավային կովկաս\w*"),
    armenia=(
        r"հայաստան\w*", r"հայկական\w*", r"հայեր\w*", r"եր" + _EV + r"ան\w*", r"փաշինյան\w*", r"միրզոյան\w*",
    ),
    azerbaijan=(r"ադրբեջան\w*", r"բաքու", r"բաքվ\w*", r"ալի" + _EV + r"\w*", r"բայրամով\w*"),
    specific=(
        r"լեռնային ղարաբաղ\w*", r"արցախ\w*", r"ստեփանակերտ\w*", r"լաչինի միջանցք\w*", r"զանգեզուրի միջանցք\w*",
        r"սահմանազատ\w*", r"սահմանագծ\w*", r"շփման գծ\w*", r"մինսկի խ\w*",
    ),
    conflict=(
        r"զոհ\w*", r"սպանվ\w*", r"վիրավոր\w*", r"կրակ\w*", r"հրետակոծ\w*", r"ականանետ\w*", r"դիպուկահար\w*",
        r"անօդաչու\w*", r"զինծառայող\w*", r"զինվոր\w*", r"բանակ(?:ի|ը|ում|ն)?", r"զորք\w*",
        r"զինված ուժ\w*", r"պաշտպանության նախարար\w*", r"պն", r"սահմանապահ\w*",
        r"ական(?:ի|ը|ն|ներ\w*|ային\w*)?", r"ականազերծ\w*", r"պայթյուն\w*", r"բախում\w*", r"հարձակում\w*",
        r"սադրանք\w*", r"պատերազմ\w*", r"հակամարտ\w*", r"խաղաղության (?:պայմանագ|համաձայնագ|օրակարգ|գործընթաց)\w*",
        r"բանակցություն\w*", r"բանակցային", r"գերի(?:ներ\w*)?", r"ռազմագերի\w*", r"փախստական\w*",
        r"տեղահանված\w*", r"շրջափակում\w*", r"օկուպաց\w*", r"ահաբեկ\w*", r"խաղաղապահ\w*", r"հրադադար\w*",
        r"դիրքեր\w*", r"մարտական դիրք\w*", r"հրթիռ\w*",
    ),
    sport=(
        r"ֆուտբոլ\w*", r"ֆա", r"ու[եէ]ֆա\w*", r"ֆիֆա\w*", r"չեմպիոնների լիգա\w*", r"եվրոպայի լիգա\w*",
        r"լիգա\w*", r"հավաքական\w*", r"մարզիչ\w*", r"մարզադաշտ\w*", r"առաջնություն\w*", r"մրցաշար\w*",
        r"գոլ(?:ը|ով|եր\w*|ային)?", r"օլիմպիա\w*", r"ըմբշամարտ\w*", r"բռնցքամարտ\w*", r"ձյուդո\w*",
        r"շախմատ\w*", r"ակումբ\w*",
    ),
    business=(
        r"գազ(?:ի|ը|ով|ային)?", r"գազամատակարար\w*", r"գազատար\w*", r"նավթ\w*", r"խողովակաշար\w*",
        r"գազպրոմ\w*", r"սոքար\w*", r"բարել\w*", r"օպեկ\w*", r"արտահանում\w*", r"ներմուծում\w*", r"սակագ\w*",
        r"հնա", r"գնաճ\w*", r"խորանարդ մետր\w*", r"էներգ\w*", r"էլեկտրաէներգ\w*", r"ներդր\w*", r"բանկ\w*",
        r"գին(?:ը|ն)?", r"գն(?:ի|եր\w*)", r"դրամ\w*", r"ապրանքաշրջանառություն\w*",
    ),
    culture=(
        r"ֆիլմ\w*", r"կինո\w*", r"փառատոն\w*", r"համերգ\w*", r"ցուցահանդես\w*", r"թանգարան\w*", r"թատրոն\w*",
        r"օպերա\w*", r"բալետ\w*", r"երաժշտ\w*", r"երգիչ\w*", r"երգչուհ\w*", r"ալբոմ\w*", r"եվրատեսիլ\w*",
        r"նկարիչ\w*", r"գորգ\w*", r"ջազ\w*", r"պատկերասրահ\w*", r"ներկայացում\w*",
    ),
    other_wars=(
        r"ուկրաին\w*", r"կի" + _EV + r"\w*", r"խարկով\w*", r"դոնբաս\w*", r"դոնեցկ\w*", r"լուգանսկ\w*",
        r"զապորոժ\w*", r"խերսոն\w*", r"գազայի հատված\w*", r"գազայում", r"համաս\w*", r"հեզբոլլահ\w*",
        r"հութի\w*", r"եմեն\w*", r"սուդան\w*", r"սիրիա\w*", r"իսրայել\w*", r"կրիվոյ ռոգ\w*",
    ),
)

# By ISO 639-1 code, as feeds.toml and `briefing.language` name them.
WORDS: dict[str, Words] = {"en": ENGLISH, "ru": RUSSIAN, "az": AZERBAIJANI, "hy": ARMENIAN}
