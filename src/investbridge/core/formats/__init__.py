"""Django's own date formats where Babel does not reach (the administration site, form error messages).

Only English is overridden: Django's `en` formats are American ("Dec. 4, 2026", "12/04/2026"); the office writes
English the British way, as Babel's `en_GB` in core/i18n.py does ("4 Dec 2026"). Input formats are not changed.
"""
