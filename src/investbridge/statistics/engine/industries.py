"""GB/T 4754-2017 sections (China's national industry classification, used by the registry) and the ISIC Rev.4
sections (the UN classification, used by the rest of the platform) they correspond to.

Pure data, no Django: the statistics pages, charts and exports show both codes from here, and docs/statistics.md
explains each split. The correspondence is at section level and names, for each GB/T section, the ISIC Rev.4
sections its activities fall into, the principal one first. It is not a class-by-class concordance: a GB/T
section that maps to several ISIC sections cannot be split without the registry's 4-digit classes, which the
registry file does not carry, so the figures stay counted by GB/T section.

Where a GB/T section spreads over several ISIC sections (GB/T → ISIC, and the GB/T divisions that go elsewhere):
- C manufacturing → C and E: 42, recycling of waste resources, is materials recovery in ISIC E;
- D electricity, heat, gas and water → D and E: 46, water supply and sewage treatment, is ISIC E;
- K real estate → L and F: development of building projects for sale is construction in ISIC F;
- L leasing and business services → N and M: head offices, legal, accounting, consultancy, advertising and
  market research are ISIC M; leasing, employment, security, fairs and travel agencies ISIC N;
- N water conservancy, environment and public facilities → E, N and R: sanitation and remediation are ISIC E,
  landscape care ISIC N, parks, scenic areas and nature reserves ISIC R;
- O resident services, repair and other services → S, G, N, Q and T: repair of motor vehicles is ISIC G,
  cleaning ISIC N, child day-care ISIC Q, domestic services ISIC T;
- R culture, sports and entertainment → R and J: 86 and 87, news, publishing, radio, television and film, are
  ISIC J;
- S public administration, social security and social organizations → O and S: membership organizations are
  ISIC S.
The other sections fall into one ISIC section each, mostly under another letter (GB/T E construction is ISIC F,
…, GB/T T international organizations ISIC U), though that ISIC section may also hold parts of the sections
above (ISIC G also holds the repair of motor vehicles of GB/T O, for example).
"""

#: GB/T 4754-2017 section → ISIC Rev.4 sections, the principal one first.
GBT_TO_ISIC: dict[str, tuple[str, ...]] = {
    "A": ("A",),  # agriculture, forestry, animal husbandry and fishery
    "B": ("B",),  # mining
    "C": ("C", "E"),  # manufacturing
    "D": ("D", "E"),  # electricity, heat, gas and water production and supply
    "E": ("F",),  # construction
    "F": ("G",),  # wholesale and retail trade
    "G": ("H",),  # transport, storage and postal services
    "H": ("I",),  # accommodation and catering
    "I": ("J",),  # information transmission, software and information technology services
    "J": ("K",),  # finance
    "K": ("L", "F"),  # real estate
    "L": ("N", "M"),  # leasing and business services
    "M": ("M",),  # scientific research and technical services
    "N": ("E", "N", "R"),  # water conservancy, environment and public facilities management
    "O": ("S", "G", "N", "Q", "T"),  # resident services, repair and other services
    "P": ("P",),  # education
    "Q": ("Q",),  # health and social work
    "R": ("R", "J"),  # culture, sports and entertainment
    "S": ("O", "S"),  # public administration, social security and social organizations
    "T": ("U",),  # international organizations
}


def isic_sections(gbt_section: str) -> tuple[str, ...]:
    """The ISIC Rev.4 sections of a GB/T 4754-2017 section, the principal one first (empty for an unknown code)."""
    return GBT_TO_ISIC.get(gbt_section, ())


def is_one_to_one(gbt_section: str) -> bool:
    """True when the GB/T section and its ISIC section hold the same activities, in both directions."""
    sections = isic_sections(gbt_section)
    return len(sections) == 1 and len(gbt_sections(sections[0])) == 1


def gbt_sections(isic_section: str) -> tuple[str, ...]:
    """The GB/T 4754-2017 sections with activities in an ISIC Rev.4 section, alphabetically."""
    return tuple(sorted(gbt for gbt, isic in GBT_TO_ISIC.items() if isic_section in isic))


def isic_text(gbt_section: str) -> str:
    """The ISIC Rev.4 sections of a GB/T section as text: "F", "D, E" (empty for an unknown code)."""
    return ", ".join(isic_sections(gbt_section))
