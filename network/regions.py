"""The 25 GGD regions (copied from shared/data/ggd_regions.csv): code, name, main city, province, lat, lon."""

from django.db import models

GGD_REGIONS = [
    ("groningen", "GGD Groningen", "Groningen", "Groningen", 53.219, 6.567),
    ("fryslan", "GGD Fryslân", "Leeuwarden", "Friesland", 53.201, 5.799),
    ("drenthe", "GGD Drenthe", "Assen", "Drenthe", 52.993, 6.562),
    ("ijsselland", "GGD IJsselland", "Zwolle", "Overijssel", 52.516, 6.083),
    ("twente", "GGD Twente", "Enschede", "Overijssel", 52.221, 6.894),
    ("noord-oost-gelderland", "GGD Noord- en Oost-Gelderland", "Apeldoorn", "Gelderland", 52.211, 5.969),
    ("gelderland-midden", "GGD Gelderland-Midden", "Arnhem", "Gelderland", 51.985, 5.899),
    ("gelderland-zuid", "GGD Gelderland-Zuid", "Nijmegen", "Gelderland", 51.842, 5.853),
    ("utrecht", "GGD regio Utrecht", "Utrecht", "Utrecht", 52.090, 5.122),
    ("flevoland", "GGD Flevoland", "Lelystad", "Flevoland", 52.518, 5.471),
    ("gooi-vechtstreek", "GGD Gooi en Vechtstreek", "Hilversum", "Noord-Holland", 52.223, 5.176),
    ("amsterdam", "GGD Amsterdam", "Amsterdam", "Noord-Holland", 52.370, 4.895),
    ("zaanstreek-waterland", "GGD Zaanstreek-Waterland", "Zaandam", "Noord-Holland", 52.439, 4.826),
    ("hollands-noorden", "GGD Hollands Noorden", "Alkmaar", "Noord-Holland", 52.632, 4.748),
    ("kennemerland", "GGD Kennemerland", "Haarlem", "Noord-Holland", 52.387, 4.646),
    ("hollands-midden", "GGD Hollands Midden", "Leiden", "Zuid-Holland", 52.160, 4.497),
    ("haaglanden", "GGD Haaglanden", "Den Haag", "Zuid-Holland", 52.070, 4.300),
    ("rotterdam-rijnmond", "GGD Rotterdam-Rijnmond", "Rotterdam", "Zuid-Holland", 51.924, 4.478),
    ("zuid-holland-zuid", "GGD Zuid-Holland Zuid", "Dordrecht", "Zuid-Holland", 51.813, 4.690),
    ("zeeland", "GGD Zeeland", "Goes", "Zeeland", 51.504, 3.889),
    ("west-brabant", "GGD West-Brabant", "Breda", "Noord-Brabant", 51.589, 4.776),
    ("hart-voor-brabant", "GGD Hart voor Brabant", "'s-Hertogenbosch", "Noord-Brabant", 51.697, 5.304),
    ("brabant-zuidoost", "GGD Brabant-Zuidoost", "Eindhoven", "Noord-Brabant", 51.441, 5.470),
    ("limburg-noord", "GGD Limburg-Noord", "Venlo", "Limburg", 51.370, 6.172),
    ("zuid-limburg", "GGD Zuid Limburg", "Maastricht", "Limburg", 50.851, 5.691),
]


# The region a participant or regional coalition belongs to, as a fixed list.
GGDRegion = models.TextChoices(
    "GGDRegion", [(code.upper().replace("-", "_"), (code, name)) for code, name, *_ in GGD_REGIONS]
)

REGION_BY_CODE = {
    code: (name, city, province, lat, lon) for code, name, city, province, lat, lon in GGD_REGIONS
}
