"""Texts of the demo TV programme, written for this project."""

from typing import Any

TV_INDEX = {
    "slug": "tv",
    "ru": {
        "title": "Телеканал «Большая Азия»",
        "intro": "Программы телеканала и расписание эфиров.",
    },
    "en": {"title": "Big Asia TV", "intro": "The channel's programmes and broadcast schedule."},
}

PROGRAMME = {
    "slug": "novosti-bolshoy-azii",
    "ru": {
        "title": "Новости Большой Азии",
        "intro": "Ежедневный выпуск новостей о странах Азии и их отношениях с Россией.",
    },
    "en": {
        "title": "Big Asia News",
        "intro": "The daily news bulletin about Asian countries and their ties with Russia.",
    },
}

EPISODE: dict[str, Any] = {
    "slug": "vypusk-829",
    "number": 829,
    "ru": {
        "title": "Новости Большой Азии. Выпуск 829",
        "lead": "Межправсовет ЕАЭС в Алма-Ате, новый грузовой маршрут через Монголию и "
        "фестиваль анимации в Сеуле.",
        "stories": [
            {
                "title": "Мишустин и Смаилов обсудили торговлю России и Казахстана",
                "start": 0,
                "text": "<p>На полях Евразийского межправительственного совета главы "
                "правительств двух стран подвели итоги года: товарооборот вырос примерно на "
                "десятую часть.</p>",
                "quotations": [
                    {
                        "text": "Казахстан остаётся для нас одним из ключевых партнёров.",
                        "speaker": "Михаил Мишустин",
                        "role": "председатель правительства России",
                    }
                ],
            },
            {
                "title": "Через Монголию пошли контейнерные поезда из Китая",
                "start": 8,
                "text": "<p>Первый состав с электроникой и запчастями прошёл по новому "
                "маршруту за девять суток — на три дня быстрее прежнего.</p>",
                "quotations": [
                    {
                        "text": "Мы рассчитываем на два поезда в неделю уже весной.",
                        "speaker": "Батбаяр Ганболд",
                        "role": "представитель оператора перевозок",
                    }
                ],
            },
            {
                "title": "В Сеуле открылся фестиваль азиатской анимации",
                "start": 16,
                "text": "<p>Российские студии привезли в Корею шесть короткометражных "
                "фильмов; два из них вошли в основной конкурс.</p>",
            },
        ],
    },
    "en": {
        "title": "Big Asia News. Issue 829",
        "lead": "The EAEU intergovernmental council in Almaty, a new freight route through "
        "Mongolia and an animation festival in Seoul.",
        "stories": [
            {
                "title": "Mishustin and Smailov discuss Russian–Kazakh trade",
                "start": 0,
                "text": "<p>On the sidelines of the Eurasian Intergovernmental Council the two "
                "prime ministers reviewed the year: trade grew by about a tenth.</p>",
                "quotations": [
                    {
                        "text": "Kazakhstan remains one of our key partners.",
                        "speaker": "Mikhail Mishustin",
                        "role": "Prime Minister of Russia",
                    }
                ],
            },
            {
                "title": "Container trains from China start running through Mongolia",
                "start": 8,
                "text": "<p>The first train, carrying electronics and spare parts, made the "
                "new journey in nine days — three days faster than before.</p>",
                "quotations": [
                    {
                        "text": "We expect two trains a week as early as spring.",
                        "speaker": "Batbayar Ganbold",
                        "role": "spokesman for the rail operator",
                    }
                ],
            },
            {
                "title": "An Asian animation festival opens in Seoul",
                "start": 16,
                "text": "<p>Russian studios brought six short films to Korea; two of them are "
                "in the main competition.</p>",
            },
        ],
    },
}
