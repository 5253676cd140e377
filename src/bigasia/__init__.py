"""Big Asia: a bilingual news publication about Asia, built on Django and Wagtail."""
