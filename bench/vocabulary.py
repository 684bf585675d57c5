"""The words the synthetic news is made of: real English, so PostgreSQL's stemmer and ranking work
on it as on real claims. Earlier entries of each list are drawn more often (a Zipf-like law)."""


def _words(block: str) -> list[str]:
    return block.split()


FIRST_NAMES = _words("""
John Maria David Anna Michael Olena Ahmed Fatima James Elena Carlos Sofia Robert Yulia Mohammed Aisha
William Irina Peter Laura Thomas Natalia Daniel Sarah Andrei Chen Wei Li Priya Rahul Kenji Yuki Paul
Emma Mark Julia Sergei Olga Ivan Tatiana Pedro Lucia Hassan Leila Omar Nadia Jean Claire Pierre Amelie
Hans Greta Klaus Ingrid Lars Astrid Mikhail Svetlana Dmitry Ekaterina Viktor Oksana Taras Halyna Jorge
Carmen Luis Isabel Samuel Grace Joseph Mary Charles Helen George Alice Edward Rose Henry Ruth Frank Joan
Karim Yasmin Tariq Zainab Arjun Ananya Vikram Meera Hiroshi Akiko Takeshi Naomi Min Jisoo Hyun Seo
Kwame Ama Kofi Abena Chinedu Ngozi Tunde Folake Mehmet Ayse Emre Zeynep Nikos Eleni Giorgos Katerina
Marco Giulia Luca Chiara Antonio Francesca Jan Eva Piotr Agnieszka Tomasz Katarzyna Rui Ines Joao Beatriz
""")

LAST_NAMES = _words("""
Smith Johnson Kovalenko Petrenko Ivanov Petrov Garcia Martinez Mueller Schmidt Dubois Martin Rossi Russo
Nowak Kowalski Silva Santos Khan Ahmed Ali Hassan Chen Wang Zhang Liu Tanaka Suzuki Kim Park Lee Nguyen
Tran Singh Patel Sharma Gupta Okafor Mensah Adeyemi Osei Yilmaz Demir Papadopoulos Georgiou Novak Horvat
Jensen Hansen Larsen Andersson Johansson Nielsen Virtanen Korhonen Brown Wilson Taylor Anderson Thomas
Jackson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill
Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris Rogers
Reed Cook Morgan Bell Murphy Bailey Rivera Cooper Richardson Cox Howard Ward Peterson Gray James Watson
Brooks Kelly Sanders Price Bennett Wood Barnes Ross Henderson Coleman Jenkins Perry Powell Long Patterson
Hughes Flores Washington Butler Simmons Foster Gonzales Bryant Alexander Russell Griffin Diaz Hayes Myers
Ford Hamilton Graham Sullivan Wallace Woods Cole West Jordan Owens Reynolds Fisher Ellis Harrison Gibson
Shevchenko Bondarenko Tkachenko Kravchenko Sokolov Popov Lebedev Kozlov Morozov Volkov Fedorov Orlov
Moreau Laurent Lefebvre Fontaine Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Ferreira
Oliveira Pereira Almeida Carvalho Wojcik Kaminski Lewandowski Zielinski Szymanski Dabrowski Kozak Sato
""")

TITLES = _words("""
President Minister Senator Governor Mayor General Ambassador Spokesperson Chancellor Commissioner Director
Secretary Chairman Professor Admiral Colonel Judge Prosecutor Adviser Envoy
""")

COUNTRIES = _words("""
Ukraine Russia Germany France Poland Finland China India Japan Brazil Turkey Iran Israel Egypt Nigeria Kenya
Mexico Canada Italy Spain Sweden Norway Estonia Latvia Lithuania Romania Hungary Serbia Georgia Armenia
Azerbaijan Kazakhstan Pakistan Indonesia Vietnam Australia Argentina Chile Colombia Peru Ethiopia Ghana
Morocco Algeria Tunisia Jordan Lebanon Syria Iraq Qatar Greece Portugal Belgium Austria Switzerland Denmark
Ireland Moldova Belarus Slovakia Croatia Bulgaria Thailand Malaysia Philippines Singapore
""")

PLACES = _words("""
Kyiv Moscow Berlin Paris Warsaw Helsinki Beijing Delhi Tokyo Brussels London Washington Geneva Vienna
Kharkiv Odesa Donetsk Crimea Lviv Zaporizhzhia Kherson Belgorod Minsk Tallinn Riga Vilnius Ankara Tehran
Cairo Lagos Nairobi Istanbul Rome Madrid Stockholm Oslo Bucharest Budapest Belgrade Tbilisi Yerevan Baku
Astana Islamabad Jakarta Hanoi Sydney Ottawa Brasilia Gaza Jerusalem Beirut Damascus Baghdad Doha Athens
""")

ORG_ADJECTIVES = _words("""
National Central Federal European International United Northern Southern Eastern Western Independent
Democratic Popular Free Progressive Royal General Joint Regional Global Civic Public
""")

ORG_SUBJECTS = _words("""
Energy Health Defence Finance Trade Security Farmers Teachers Workers Transport Justice Education Water
Climate Labour Housing Industry Technology Shipping Aviation Mining Nuclear Food Migration Media Rights
""")

ORG_TYPES = _words("""
Agency Union Council Committee Party Bank Institute Alliance Ministry Commission Association Foundation
Authority Office Board Service Federation League Bureau Centre
""")

MEDIA_NAMES = _words("""
Herald Chronicle Tribune Gazette Post Courier Observer Times Monitor Journal Dispatch Bulletin Sentinel
Standard Express Review Record Telegraph Mirror Star
""")

# (base, past, participle)
VERBS = [
    ("attack", "attacked", "attacked"),
    ("support", "supported", "supported"),
    ("block", "blocked", "blocked"),
    ("launch", "launched", "launched"),
    ("approve", "approved", "approved"),
    ("reject", "rejected", "rejected"),
    ("increase", "increased", "increased"),
    ("cut", "cut", "cut"),
    ("violate", "violated", "violated"),
    ("target", "targeted", "targeted"),
    ("fund", "funded", "funded"),
    ("hide", "hid", "hidden"),
    ("destroy", "destroyed", "destroyed"),
    ("protect", "protected", "protected"),
    ("sign", "signed", "signed"),
    ("break", "broke", "broken"),
    ("plan", "planned", "planned"),
    ("deliver", "delivered", "delivered"),
    ("ignore", "ignored", "ignored"),
    ("raise", "raised", "raised"),
    ("lower", "lowered", "lowered"),
    ("suspend", "suspended", "suspended"),
    ("expand", "expanded", "expanded"),
    ("investigate", "investigated", "investigated"),
    ("shell", "shelled", "shelled"),
    ("bomb", "bombed", "bombed"),
    ("seize", "seized", "seized"),
    ("release", "released", "released"),
    ("sanction", "sanctioned", "sanctioned"),
    ("negotiate", "negotiated", "negotiated"),
    ("undermine", "undermined", "undermined"),
    ("finance", "financed", "financed"),
    ("evacuate", "evacuated", "evacuated"),
    ("restore", "restored", "restored"),
    ("falsify", "falsified", "falsified"),
    ("manipulate", "manipulated", "manipulated"),
    ("smuggle", "smuggled", "smuggled"),
    ("export", "exported", "exported"),
    ("import", "imported", "imported"),
    ("subsidise", "subsidised", "subsidised"),
    ("privatise", "privatised", "privatised"),
    ("censor", "censored", "censored"),
    ("arrest", "arrested", "arrested"),
    ("deploy", "deployed", "deployed"),
    ("withdraw", "withdrew", "withdrawn"),
    ("mislead", "misled", "misled"),
    ("overstate", "overstated", "overstated"),
    ("double", "doubled", "doubled"),
    ("halve", "halved", "halved"),
    ("delay", "delayed", "delayed"),
]

# (singular, plural)
NOUNS = [
    ("drone", "drones"),
    ("attack", "attacks"),
    ("border", "borders"),
    ("election", "elections"),
    ("vote", "votes"),
    ("tax", "taxes"),
    ("price", "prices"),
    ("budget", "budgets"),
    ("sanction", "sanctions"),
    ("missile", "missiles"),
    ("troop", "troops"),
    ("refugee", "refugees"),
    ("vaccine", "vaccines"),
    ("hospital", "hospitals"),
    ("school", "schools"),
    ("pipeline", "pipelines"),
    ("gas supply", "gas supplies"),
    ("oil export", "oil exports"),
    ("grain shipment", "grain shipments"),
    ("power plant", "power plants"),
    ("reactor", "reactors"),
    ("ceasefire", "ceasefires"),
    ("peace plan", "peace plans"),
    ("treaty", "treaties"),
    ("loan", "loans"),
    ("interest rate", "interest rates"),
    ("inflation figure", "inflation figures"),
    ("wage", "wages"),
    ("pension", "pensions"),
    ("factory", "factories"),
    ("port", "ports"),
    ("bridge", "bridges"),
    ("railway", "railways"),
    ("airport", "airports"),
    ("bank", "banks"),
    ("company", "companies"),
    ("contract", "contracts"),
    ("subsidy", "subsidies"),
    ("tariff", "tariffs"),
    ("emission", "emissions"),
    ("forest", "forests"),
    ("flood", "floods"),
    ("drought", "droughts"),
    ("harvest", "harvests"),
    ("protest", "protests"),
    ("strike", "strikes"),
    ("court ruling", "court rulings"),
    ("investigation", "investigations"),
    ("report", "reports"),
    ("poll", "polls"),
    ("ballot", "ballots"),
    ("campaign", "campaigns"),
    ("journalist", "journalists"),
    ("website", "websites"),
    ("satellite image", "satellite images"),
    ("cyberattack", "cyberattacks"),
    ("hacker", "hackers"),
    ("weapon", "weapons"),
    ("tank", "tanks"),
    ("artillery shell", "artillery shells"),
    ("air defence", "air defences"),
    ("civilian", "civilians"),
    ("soldier", "soldiers"),
    ("prisoner", "prisoners"),
    ("hostage", "hostages"),
    ("settlement", "settlements"),
    ("village", "villages"),
    ("city", "cities"),
    ("region", "regions"),
    ("parliament", "parliaments"),
    ("law", "laws"),
    ("reform", "reforms"),
    ("budget deficit", "budget deficits"),
    ("debt", "debts"),
    ("currency", "currencies"),
    ("market", "markets"),
    ("stock", "stocks"),
    ("unemployment rate", "unemployment rates"),
    ("housing cost", "housing costs"),
    ("energy bill", "energy bills"),
    ("fuel tax", "fuel taxes"),
    ("carbon target", "carbon targets"),
    ("virus", "viruses"),
    ("outbreak", "outbreaks"),
    ("medicine", "medicines"),
    ("doctor", "doctors"),
    ("teacher", "teachers"),
    ("farmer", "farmers"),
    ("migrant", "migrants"),
    ("asylum claim", "asylum claims"),
    ("visa", "visas"),
    ("embassy", "embassies"),
    ("diplomat", "diplomats"),
    ("summit", "summits"),
    ("referendum", "referendums"),
    ("corruption case", "corruption cases"),
    ("bribe", "bribes"),
    ("audit", "audits"),
    ("leak", "leaks"),
    ("document", "documents"),
]

ADJECTIVES = _words("""
new major illegal secret massive unprecedented false deliberate foreign domestic military civilian economic
political nuclear western eastern northern southern fragile dangerous reckless peaceful temporary permanent
unlawful fraudulent humanitarian strategic critical key rising falling record historic brutal covert public
private regional national international emergency long-term short-term
""")

TIMES = [
    "last week",
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "over the weekend",
    "earlier this month",
    "last year",
    "since January",
    "in recent days",
    "overnight",
    "this morning",
    "for months",
]

CONNECTORS = [", and ", " because ", " while ", ", but ", " after ", " although ", " so "]

FILLER_OPENINGS = [
    "The {noun} in {place} remained {adj} {time}.",
    "Officials in {place} gave no further details about the {noun}.",
    "Reporters who visited {place} {time} saw {adj} {nouns} near the {noun}.",
    "The {adj} {noun} has been the subject of debate in {country} {time}.",
    "Analysts expect more {nouns} in the coming weeks.",
    "Independent verification of the {noun} was not possible.",
    "The {noun} follows a series of {adj} {nouns} across {country}.",
    "Markets in {place} reacted calmly to the news about the {noun}.",
]
