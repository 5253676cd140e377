"""Demo stories: invented, neutral news about Asia, each in Russian and English.

SEED_STORY retells a real news item in our own words; STORIES are made up for the demo.
"""

from .content import Paragraph, Quote, Story, Text

SEED_STORY = Story(
    key="seed-mishustin-smailov",
    section="economics",
    published="2023-02-03 11:40",
    countries=["russia", "kazakhstan"],
    source="tass",
    ru=Text(
        title="Российско-казахстанское сотрудничество остаётся абсолютным приоритетом для Москвы",
        lead=(
            "Председатель правительства России Михаил Мишустин провёл в Алма-Ате переговоры с "
            "премьер-министром Казахстана Алиханом Смаиловым и заявил, что связи с Астаной для "
            "Москвы стоят на первом месте."
        ),
        body=[
            Paragraph(
                "Главы правительств встретились в кулуарах заседания Евразийского "
                "межправительственного совета, которое на этот раз принимает Казахстан. Заседание "
                "совета приурочено к цифровому форуму в Алма-Ате."
            ),
            Quote(
                "Развитие отношений с Казахстаном для нас — безусловный приоритет. Опираются они "
                "на братскую дружбу, стратегическое партнёрство и союзнические связи.",
                speaker="Михаил Мишустин",
                role="председатель правительства России",
            ),
            Paragraph(
                "Российский премьер привёл данные о торговле: в январе — ноябре 2022\u00a0года "
                "взаимный товарооборот двух стран прибавил 10\u00a0% и достиг 25,5\u00a0млрд "
                "долларов."
            ),
            Quote(
                "Нам стоит быстрее запускать новые совместные производственные цепочки — в "
                "промышленности и машиностроении, в энергетике, в транспортной инфраструктуре.",
                speaker="Михаил Мишустин",
                role="председатель правительства России",
            ),
            Paragraph(
                "По словам Мишустина, за продвижением этих проектов следит межправительственная "
                "комиссия по экономическому сотрудничеству двух стран."
            ),
            Paragraph(
                "Он также напомнил, что в нынешнем году Россия председательствует в органах "
                "Евразийского экономического союза, а в следующем году руководство коллегией "
                "Евразийской экономической комиссии перейдёт к Казахстану."
            ),
            Paragraph(
                "Отдельное внимание глава российского правительства уделил цифровой повестке, "
                "назвав её одним из важных направлений работы ЕАЭС."
            ),
            Paragraph(
                "В завершение встречи Мишустин передал президенту Казахстана Касым-Жомарту "
                "Токаеву приветствие от президента России Владимира Путина."
            ),
        ],
        tags=["ЕАЭС", "торговля"],
        hero_caption="Иллюстрация: панорама Алма-Аты",
    ),
    en=Text(
        title="Russian-Kazakh cooperation remains an absolute priority for Moscow",
        lead=(
            "Russian Prime Minister Mikhail Mishustin held talks in Almaty with Kazakh Prime "
            "Minister Alikhan Smailov and said that ties with Astana come first for Moscow."
        ),
        body=[
            Paragraph(
                "The two heads of government met on the sidelines of a session of the Eurasian "
                "Intergovernmental Council, hosted this time by Kazakhstan. The session was timed "
                "to coincide with a digital forum in Almaty."
            ),
            Quote(
                "Developing our relations with Kazakhstan is an unconditional priority for us. "
                "They rest on brotherly friendship, strategic partnership and the bonds of "
                "alliance.",
                speaker="Mikhail Mishustin",
                role="Prime Minister of Russia",
            ),
            Paragraph(
                "The Russian premier pointed to trade figures: in January–November 2022, "
                "bilateral trade between the two countries rose by 10% to reach $25.5 billion."
            ),
            Quote(
                "We should move faster in launching new joint production chains, in industry and "
                "mechanical engineering, in energy and in transport infrastructure.",
                speaker="Mikhail Mishustin",
                role="Prime Minister of Russia",
            ),
            Paragraph(
                "According to Mishustin, progress on these projects is overseen by the two "
                "countries' intergovernmental commission on economic cooperation."
            ),
            Paragraph(
                "He also noted that Russia holds the chairmanship of the Eurasian Economic "
                "Union's bodies this year, while next year Kazakhstan will take over the chair of "
                "the board of the Eurasian Economic Commission."
            ),
            Paragraph(
                "The head of the Russian government gave particular attention to the digital "
                "agenda, calling it one of the important areas of the EAEU's work."
            ),
            Paragraph(
                "At the end of the meeting, Mishustin conveyed greetings from Russian President "
                "Vladimir Putin to Kazakh President Kassym-Jomart Tokayev."
            ),
        ],
        tags=["EAEU", "trade"],
        hero_caption="Illustration: a panorama of Almaty",
    ),
)

STORIES: list[Story] = [
    # --- politics --------------------------------------------------------------------------------
    Story(
        key="india-sco-chairmanship-priorities",
        section="politics",
        published="2023-01-17 13:20",
        countries=["india", "russia", "china"],
        source="ria",
        ru=Text(
            title="Индия представила приоритеты председательства в ШОС",
            lead=(
                "Нью-Дели определил главные темы своего председательства в Шанхайской организации "
                "сотрудничества в 2023\u00a0году."
            ),
            body=[
                Paragraph(
                    "Индийская сторона намерена сосредоточиться на продовольственной и "
                    "энергетической безопасности, развитии цифровой инфраструктуры и поддержке "
                    "малого бизнеса. В течение года в разных городах страны пройдёт более ста "
                    "мероприятий по линии организации."
                ),
                Paragraph(
                    "Ключевые встречи министров, как ожидается, состоятся весной, а итоговый "
                    "саммит — летом. Российская и китайская стороны уже подтвердили участие в "
                    "подготовительных консультациях."
                ),
                Quote(
                    "Мы хотим, чтобы председательство принесло практические результаты, понятные "
                    "жителям всех стран организации.",
                    speaker="представитель МИД Индии",
                ),
            ],
            tags=["ШОС", "дипломатия"],
            hero_caption="Иллюстрация: флаги государств — членов ШОС",
        ),
        en=Text(
            title="India sets out the priorities of its SCO chairmanship",
            lead=(
                "New Delhi has outlined the main themes of its chairmanship of the Shanghai "
                "Cooperation Organisation in 2023."
            ),
            body=[
                Paragraph(
                    "India intends to focus on food and energy security, the development of "
                    "digital infrastructure and support for small businesses. Over the year, more "
                    "than a hundred events under the organisation's umbrella will be held in "
                    "cities across the country."
                ),
                Paragraph(
                    "Key ministerial meetings are expected in the spring, with the concluding "
                    "summit in the summer. Russia and China have already confirmed their "
                    "participation in the preparatory consultations."
                ),
                Quote(
                    "We want the chairmanship to deliver practical results that people in all the "
                    "member states can see.",
                    speaker="a spokesperson for India's Ministry of External Affairs",
                ),
            ],
            tags=["SCO", "diplomacy"],
            hero_caption="Illustration: flags of the SCO member states",
        ),
    ),
    Story(
        key="uzbekistan-kyrgyzstan-border-trade",
        section="politics",
        published="2023-02-09 15:05",
        countries=["uzbekistan", "kyrgyzstan"],
        authors=["akhmetov"],
        ru=Text(
            title="Ташкент и Бишкек обсудили приграничную торговлю",
            lead=(
                "Правительственные делегации Узбекистана и Киргизии договорились ускорить работу "
                "над проектом совместной приграничной торговой зоны."
            ),
            body=[
                Paragraph(
                    "Переговоры прошли в Андижане. Стороны обсудили, как упростить движение "
                    "грузов и людей через пункты пропуска в Ферганской долине, а также график "
                    "строительства логистической инфраструктуры."
                ),
                Paragraph(
                    "Участники встречи условились подготовить дорожную карту до конца весны. По "
                    "оценкам экспертов, новая зона позволит местным предпринимателям заметно "
                    "сократить расходы на перевозку товаров."
                ),
            ],
            tags=["Центральная Азия", "торговля"],
            hero_caption="Иллюстрация: пункт пропуска в Ферганской долине",
        ),
        en=Text(
            title="Tashkent and Bishkek discuss cross-border trade",
            lead=(
                "Government delegations from Uzbekistan and Kyrgyzstan have agreed to speed up "
                "work on a joint cross-border trade zone."
            ),
            body=[
                Paragraph(
                    "The talks took place in Andijan. The two sides discussed ways to ease the "
                    "movement of goods and people through checkpoints in the Fergana Valley, as "
                    "well as the construction schedule for logistics infrastructure."
                ),
                Paragraph(
                    "The participants agreed to prepare a road map by the end of spring. Experts "
                    "estimate that the new zone will allow local businesses to cut their "
                    "transport costs considerably."
                ),
            ],
            tags=["Central Asia", "trade"],
            hero_caption="Illustration: a checkpoint in the Fergana Valley",
        ),
    ),
    Story(
        key="mongolia-russia-consultations",
        section="politics",
        published="2023-01-26 10:30",
        countries=["mongolia", "russia"],
        authors=["kim"],
        ru=Text(
            title="Россия и Монголия провели консультации по линии МИД",
            lead=(
                "Дипломаты двух стран встретились в Улан-Баторе, чтобы сверить позиции по "
                "двусторонней и региональной повестке."
            ),
            body=[
                Paragraph(
                    "Стороны обсудили подготовку к визитам на высшем уровне в текущем году, "
                    "развитие транспортных коридоров и сотрудничество в сфере образования. "
                    "Отдельно речь шла о расширении квот на обучение монгольских студентов в "
                    "российских вузах."
                ),
                Paragraph(
                    "Дипломаты затронули и региональные вопросы, включая работу в формате Россия "
                    "— Монголия — Китай. Следующий раунд консультаций намечен на осень в Москве."
                ),
                Quote(
                    "Наши отношения опираются на давние традиции добрососедства, и мы "
                    "заинтересованы в том, чтобы наполнять их новыми проектами.",
                    speaker="представитель МИД Монголии",
                ),
            ],
            tags=["дипломатия"],
            hero_caption="Иллюстрация: площадь Сухэ-Батора в Улан-Баторе",
        ),
        en=Text(
            title="Russia and Mongolia hold foreign ministry consultations",
            lead=(
                "Diplomats from the two countries met in Ulaanbaatar to compare notes on the "
                "bilateral and regional agenda."
            ),
            body=[
                Paragraph(
                    "The sides discussed preparations for top-level visits this year, the "
                    "development of transport corridors and cooperation in education. A separate "
                    "topic was increasing the quotas for Mongolian students at Russian "
                    "universities."
                ),
                Paragraph(
                    "The diplomats also touched on regional issues, including work in the "
                    "Russia–Mongolia–China format. The next round of consultations is planned for "
                    "the autumn in Moscow."
                ),
                Quote(
                    "Our relations rest on a long tradition of good neighbourliness, and we are "
                    "interested in filling them with new projects.",
                    speaker="a spokesperson for Mongolia's Ministry of Foreign Affairs",
                ),
            ],
            tags=["diplomacy"],
            hero_caption="Illustration: Sukhbaatar Square in Ulaanbaatar",
        ),
    ),
    Story(
        key="vietnam-russia-parliamentary-ties",
        section="politics",
        published="2023-02-21 12:15",
        countries=["vietnam", "russia"],
        source="tass",
        ru=Text(
            title="Парламентарии России и Вьетнама договорились обмениваться опытом",
            lead=(
                "Группы дружбы парламентов двух стран провели в Ханое встречу, посвящённую "
                "законодательному сотрудничеству."
            ),
            body=[
                Paragraph(
                    "Депутаты обсудили законодательство в сфере цифровой экономики, образования и "
                    "здравоохранения. Вьетнамская сторона проявила интерес к российскому опыту "
                    "регулирования электронной коммерции."
                ),
                Paragraph(
                    "Участники встречи договорились проводить регулярные видеоконференции и "
                    "организовать стажировки для сотрудников аппаратов обоих парламентов."
                ),
            ],
            tags=["парламент", "дипломатия"],
            hero_caption="Иллюстрация: здание Национального собрания Вьетнама в Ханое",
        ),
        en=Text(
            title="Russian and Vietnamese lawmakers agree to share experience",
            lead=(
                "The parliamentary friendship groups of the two countries met in Hanoi to discuss "
                "cooperation on legislation."
            ),
            body=[
                Paragraph(
                    "The lawmakers discussed legislation on the digital economy, education and "
                    "healthcare. The Vietnamese side showed interest in Russia's experience of "
                    "regulating e-commerce."
                ),
                Paragraph(
                    "The participants agreed to hold regular video conferences and to arrange "
                    "internships for the staff of both parliaments."
                ),
            ],
            tags=["parliament", "diplomacy"],
            hero_caption="Illustration: the National Assembly building in Hanoi",
        ),
    ),
    Story(
        key="indonesia-asean-chairmanship",
        section="politics",
        published="2023-01-12 09:45",
        countries=["indonesia"],
        authors=["sokolova"],
        ru=Text(
            title="Индонезия начала год председательства в АСЕАН",
            lead=(
                "Джакарта приняла председательство в Ассоциации государств Юго-Восточной Азии и "
                "сделала ставку на экономический рост региона."
            ),
            body=[
                Paragraph(
                    "Индонезийская сторона намерена уделить основное внимание устойчивости "
                    "экономик, продовольственной безопасности и развитию цифровой торговли между "
                    "странами объединения."
                ),
                Paragraph(
                    "Главные встречи года запланированы в Джакарте и на острове Флорес. В течение "
                    "года, как ожидается, пройдут десятки министерских совещаний и консультаций с "
                    "партнёрами ассоциации."
                ),
                Quote(
                    "Мы хотим, чтобы Юго-Восточная Азия оставалась центром роста и стабильности.",
                    speaker="представитель МИД Индонезии",
                ),
            ],
            tags=["АСЕАН"],
            hero_caption="Иллюстрация: вечерняя Джакарта",
        ),
        en=Text(
            title="Indonesia begins its year as ASEAN chair",
            lead=(
                "Jakarta has taken over the chairmanship of the Association of Southeast Asian "
                "Nations and is putting the region's economic growth first."
            ),
            body=[
                Paragraph(
                    "Indonesia intends to focus on economic resilience, food security and the "
                    "growth of digital trade among the member states."
                ),
                Paragraph(
                    "The main meetings of the year are planned in Jakarta and on the island of "
                    "Flores. Dozens of ministerial meetings and consultations with the "
                    "association's partners are expected over the year."
                ),
                Quote(
                    "We want Southeast Asia to remain a centre of growth and stability.",
                    speaker="a spokesperson for Indonesia's Ministry of Foreign Affairs",
                ),
            ],
            tags=["ASEAN"],
            hero_caption="Illustration: Jakarta in the evening",
        ),
    ),
    Story(
        key="japan-korea-youth-exchanges",
        section="politics",
        published="2023-03-08 16:40",
        countries=["japan", "south-korea"],
        source="interfax",
        ru=Text(
            title="Япония и Республика Корея расширят молодёжные обмены",
            lead=(
                "Токио и Сеул договорились увеличить число программ для студентов и молодых "
                "специалистов двух стран."
            ),
            body=[
                Paragraph(
                    "Решение было принято на консультациях профильных ведомств. Речь идёт о "
                    "летних школах, совместных исследовательских проектах и стажировках в "
                    "компаниях."
                ),
                Paragraph(
                    "По замыслу организаторов, в ближайшие три года в обменах примут участие "
                    "несколько тысяч человек. Расходы на программы стороны разделят поровну."
                ),
            ],
            tags=["молодёжь", "образование"],
            hero_caption="Иллюстрация: студенты в университетском кампусе",
        ),
        en=Text(
            title="Japan and South Korea to expand youth exchanges",
            lead=(
                "Tokyo and Seoul have agreed to increase the number of programmes for students "
                "and young professionals from the two countries."
            ),
            body=[
                Paragraph(
                    "The decision was taken at consultations between the relevant ministries. It "
                    "covers summer schools, joint research projects and internships at companies."
                ),
                Paragraph(
                    "The organisers expect several thousand people to take part in the exchanges "
                    "over the next three years. The two sides will share the cost of the "
                    "programmes equally."
                ),
            ],
            tags=["youth", "education"],
            hero_caption="Illustration: students on a university campus",
        ),
    ),
    Story(
        key="kazakhstan-election-observers",
        section="politics",
        published="2023-03-14 11:10",
        countries=["kazakhstan"],
        authors=["akhmetov", "belov"],
        ru=Text(
            title="В Казахстан прибывают наблюдатели перед выборами в мажилис",
            lead=(
                "Центральная избирательная комиссия Казахстана сообщила об аккредитации "
                "международных наблюдателей накануне парламентских выборов."
            ),
            body=[
                Paragraph(
                    "Наблюдатели представляют миссии международных организаций и зарубежных "
                    "парламентов. Им предстоит следить за ходом голосования на избирательных "
                    "участках в разных регионах страны."
                ),
                Paragraph(
                    "В комиссии отметили, что подготовка к выборам идёт по графику: бюллетени "
                    "напечатаны, участки оснащены необходимым оборудованием."
                ),
                Quote(
                    "Мы открыты для наблюдения и создадим миссиям все условия для работы.",
                    speaker="представитель Центральной избирательной комиссии",
                ),
            ],
            tags=["выборы"],
            hero_caption="Иллюстрация: избирательный участок в Астане",
        ),
        en=Text(
            title="Observers arrive in Kazakhstan ahead of the Mazhilis election",
            lead=(
                "Kazakhstan's Central Election Commission has reported accrediting international "
                "observers on the eve of the parliamentary election."
            ),
            body=[
                Paragraph(
                    "The observers represent missions of international organisations and foreign "
                    "parliaments. They will follow the voting at polling stations in various "
                    "regions of the country."
                ),
                Paragraph(
                    "The commission said preparations for the vote were on schedule: the ballots "
                    "have been printed and polling stations have been fitted with the necessary "
                    "equipment."
                ),
                Quote(
                    "We are open to observation and will give the missions every opportunity to "
                    "do their work.",
                    speaker="a spokesperson for the Central Election Commission",
                ),
            ],
            tags=["elections"],
            hero_caption="Illustration: a polling station in Astana",
        ),
    ),
    # --- economics -------------------------------------------------------------------------------
    Story(
        key="zabaikalsk-rail-freight-growth",
        section="economics",
        published="2023-01-24 14:30",
        countries=["china", "russia"],
        source="interfax",
        ru=Text(
            title="Грузопоток через Забайкальск вырос в январе",
            lead=(
                "Объём перевозок через железнодорожный переход Забайкальск — Маньчжурия в январе "
                "превысил показатели прошлого года."
            ),
            body=[
                Paragraph(
                    "По данным железнодорожников, основную долю грузов в Китай составили "
                    "лесоматериалы, уголь и удобрения. В обратном направлении везут оборудование, "
                    "автозапчасти и потребительские товары."
                ),
                Paragraph(
                    "Чтобы быстрее обрабатывать вагоны, на станции продлили часы работы складских "
                    "терминалов и добавили рабочие смены. Пропускную способность перехода "
                    "планируют наращивать и дальше."
                ),
            ],
            tags=["железная дорога", "логистика"],
            hero_caption="Иллюстрация: грузовой поезд на станции Забайкальск",
        ),
        en=Text(
            title="Freight through Zabaikalsk grows in January",
            lead=(
                "The volume of freight through the Zabaikalsk–Manzhouli rail crossing in January "
                "exceeded last year's figures."
            ),
            body=[
                Paragraph(
                    "According to the railway, timber, coal and fertilisers made up most of the "
                    "cargo heading to China. Equipment, car parts and consumer goods travel in "
                    "the opposite direction."
                ),
                Paragraph(
                    "To handle wagons faster, the station has extended the opening hours of its "
                    "warehouse terminals and added work shifts. There are plans to increase the "
                    "crossing's capacity further."
                ),
            ],
            tags=["railways", "logistics"],
            hero_caption="Illustration: a freight train at Zabaikalsk station",
        ),
    ),
    Story(
        key="haiphong-container-terminal",
        section="economics",
        published="2023-02-14 10:05",
        countries=["vietnam"],
        authors=["belov"],
        ru=Text(
            title="В Хайфоне расширяют контейнерный терминал",
            lead=(
                "Порт Хайфон на севере Вьетнама начал строительство двух новых причалов для "
                "крупных контейнеровозов."
            ),
            body=[
                Paragraph(
                    "После завершения работ терминал сможет принимать суда вместимостью до "
                    "14\u00a0тыс. двадцатифутовых контейнеров. Сейчас такие корабли заходят лишь "
                    "в порты на юге страны."
                ),
                Paragraph(
                    "Власти провинции рассчитывают, что расширение порта привлечёт новых "
                    "инвесторов в промышленные парки региона, где уже работают производители "
                    "электроники и автомобилей."
                ),
                Quote(
                    "Хайфон должен стать главными морскими воротами севера страны.",
                    speaker="представитель администрации порта",
                ),
            ],
            tags=["порты", "логистика"],
            hero_caption="Иллюстрация: порт в Хайфоне",
        ),
        en=Text(
            title="Haiphong expands its container terminal",
            lead=(
                "The port of Haiphong in northern Vietnam has begun building two new berths for "
                "large container ships."
            ),
            body=[
                Paragraph(
                    "Once the work is complete, the terminal will be able to handle vessels "
                    "carrying up to 14,000 TEU. At present such ships call only at ports in the "
                    "south of the country."
                ),
                Paragraph(
                    "The provincial authorities expect the expansion to attract new investors to "
                    "the region's industrial parks, where electronics and car manufacturers "
                    "already operate."
                ),
                Quote(
                    "Haiphong should become the main sea gateway of the country's north.",
                    speaker="a port authority spokesperson",
                ),
            ],
            tags=["ports", "logistics"],
            hero_caption="Illustration: the port of Haiphong",
        ),
    ),
    Story(
        key="indonesia-nickel-processing",
        section="economics",
        published="2023-03-02 09:20",
        countries=["indonesia", "china"],
        source="ria",
        ru=Text(
            title="Индонезия наращивает переработку никеля",
            lead=(
                "На острове Сулавеси введены в строй новые мощности по выпуску никелевого сырья "
                "для производства аккумуляторов."
            ),
            body=[
                Paragraph(
                    "Проект реализован вместе с китайскими инвесторами. Продукция предприятия "
                    "будет поставляться производителям батарей для электромобилей в Азии."
                ),
                Paragraph(
                    "Власти Индонезии последовательно добиваются того, чтобы сырьё "
                    "перерабатывалось внутри страны, а не вывозилось в необработанном виде. По "
                    "оценке министерства промышленности, это позволит создать десятки тысяч "
                    "рабочих мест."
                ),
            ],
            tags=["металлургия", "инвестиции"],
            hero_caption="Иллюстрация: металлургический завод на Сулавеси",
        ),
        en=Text(
            title="Indonesia steps up nickel processing",
            lead=(
                "New capacity for producing battery-grade nickel material has come on stream on "
                "the island of Sulawesi."
            ),
            body=[
                Paragraph(
                    "The project was carried out together with Chinese investors. The plant's "
                    "output will go to makers of batteries for electric vehicles in Asia."
                ),
                Paragraph(
                    "The Indonesian authorities have consistently pushed for raw materials to be "
                    "processed at home rather than exported unprocessed. The industry ministry "
                    "estimates that this will create tens of thousands of jobs."
                ),
            ],
            tags=["metals", "investment"],
            hero_caption="Illustration: a smelter on Sulawesi",
        ),
    ),
    Story(
        key="kazakhstan-grain-exports-china",
        section="economics",
        published="2023-02-27 13:50",
        countries=["kazakhstan", "china"],
        authors=["akhmetov"],
        ru=Text(
            title="Казахстан увеличил поставки зерна в Китай",
            lead=(
                "Экспорт казахстанской пшеницы и ячменя в Китай с начала сезона заметно вырос "
                "благодаря новым логистическим маршрутам."
            ),
            body=[
                Paragraph(
                    "Зерно отправляют по железной дороге через пограничные переходы Достык и "
                    "Алтынколь. Часть партий идёт в специализированных контейнерах, что упрощает "
                    "перегрузку на китайской стороне."
                ),
                Paragraph(
                    "Трейдеры отмечают растущий спрос на муку и высококачественную мягкую "
                    "пшеницу. В министерстве сельского хозяйства рассчитывают сохранить эту "
                    "динамику и в следующем сезоне."
                ),
                Quote(
                    "Китайский рынок остаётся для нас одним из самых перспективных.",
                    speaker="представитель министерства сельского хозяйства Казахстана",
                ),
            ],
            tags=["сельское хозяйство", "экспорт"],
            hero_caption="Иллюстрация: элеватор в Северном Казахстане",
        ),
        en=Text(
            title="Kazakhstan increases grain shipments to China",
            lead=(
                "Exports of Kazakh wheat and barley to China have risen markedly since the start "
                "of the season thanks to new logistics routes."
            ),
            body=[
                Paragraph(
                    "The grain travels by rail through the Dostyk and Altynkol border crossings. "
                    "Some consignments are shipped in specialised containers, which makes "
                    "transshipment on the Chinese side easier."
                ),
                Paragraph(
                    "Traders report growing demand for flour and high-quality soft wheat. The "
                    "agriculture ministry hopes to keep up this momentum next season as well."
                ),
                Quote(
                    "The Chinese market remains one of the most promising for us.",
                    speaker="a spokesperson for Kazakhstan's Ministry of Agriculture",
                ),
            ],
            tags=["agriculture", "exports"],
            hero_caption="Illustration: a grain elevator in northern Kazakhstan",
        ),
    ),
    Story(
        key="uzbekistan-textile-exports",
        section="economics",
        published="2023-01-31 15:25",
        countries=["uzbekistan", "russia"],
        source="tass",
        ru=Text(
            title="Узбекистан нарастил экспорт текстиля",
            lead=(
                "Текстильные предприятия Узбекистана по итогам 2022\u00a0года увеличили поставки "
                "продукции за рубеж."
            ),
            body=[
                Paragraph(
                    "Основными покупателями стали Россия, Китай, Киргизия и Турция. Растёт доля "
                    "готовой одежды и трикотажа, а не только пряжи и хлопкового волокна."
                ),
                Paragraph(
                    "В отраслевой ассоциации объясняют рост модернизацией фабрик и созданием "
                    "полного цикла — от выращивания хлопка до пошива одежды. На 2023\u00a0год "
                    "поставлена задача расширить присутствие на европейских рынках."
                ),
            ],
            tags=["текстиль", "экспорт"],
            hero_caption="Иллюстрация: цех текстильной фабрики в Ташкенте",
        ),
        en=Text(
            title="Uzbekistan boosts textile exports",
            lead="Uzbek textile companies increased their sales abroad in 2022.",
            body=[
                Paragraph(
                    "The main buyers were Russia, China, Kyrgyzstan and Turkey. The share of "
                    "finished clothing and knitwear is growing, rather than just yarn and cotton "
                    "fibre."
                ),
                Paragraph(
                    "The industry association attributes the growth to the modernisation of mills "
                    "and the creation of a full cycle, from growing cotton to sewing garments. "
                    "The goal for 2023 is to expand the industry's presence in European markets."
                ),
            ],
            tags=["textiles", "exports"],
            hero_caption="Illustration: a textile mill workshop in Tashkent",
        ),
    ),
    Story(
        key="indian-tea-russian-market",
        section="economics",
        published="2023-03-16 12:40",
        countries=["india", "russia"],
        source="bigasia-tv",
        authors=["sokolova"],
        ru=Text(
            title="Индийские производители чая ищут покупателей в России",
            lead=(
                "Делегация производителей чая из Ассама и Дарджилинга провела в Москве серию "
                "встреч с российскими дистрибьюторами."
            ),
            body=[
                Paragraph(
                    "Индийские экспортёры представили новые сорта и предложили долгосрочные "
                    "контракты с прямыми поставками, без посредников. Российские компании "
                    "проявили интерес прежде всего к листовому чаю премиального сегмента."
                ),
                Paragraph(
                    "Россия традиционно входит в число крупнейших покупателей индийского чая. "
                    "Участники переговоров обсудили и доставку по международному транспортному "
                    "коридору «Север — Юг»."
                ),
                Quote(
                    "Мы видим в России надёжного партнёра и рассчитываем увеличить поставки.",
                    speaker="представитель Совета по чаю Индии",
                ),
            ],
            tags=["чай", "торговля"],
            hero_caption="Иллюстрация: чайная плантация в Ассаме",
        ),
        en=Text(
            title="Indian tea producers look for buyers in Russia",
            lead=(
                "A delegation of tea producers from Assam and Darjeeling held a series of "
                "meetings with Russian distributors in Moscow."
            ),
            body=[
                Paragraph(
                    "The Indian exporters presented new varieties and offered long-term contracts "
                    "for direct deliveries without intermediaries. Russian companies were most "
                    "interested in premium loose-leaf tea."
                ),
                Paragraph(
                    "Russia has traditionally been among the largest buyers of Indian tea. The "
                    "participants also discussed shipping via the International North–South "
                    "Transport Corridor."
                ),
                Quote(
                    "We see Russia as a reliable partner and hope to increase our deliveries.",
                    speaker="a spokesperson for the Tea Board of India",
                ),
            ],
            tags=["tea", "trade"],
            hero_caption="Illustration: a tea plantation in Assam",
        ),
    ),
    Story(
        key="mongolia-coal-rail-link",
        section="economics",
        published="2023-03-22 08:55",
        countries=["mongolia", "china"],
        source="interfax",
        ru=Text(
            title="Монголия открыла новую железнодорожную ветку к границе с Китаем",
            lead=(
                "Составы с углём с месторождений пустыни Гоби пошли к китайской границе по новой "
                "железнодорожной ветке."
            ),
            body=[
                Paragraph(
                    "До сих пор основную часть угля вывозили грузовиками, из-за чего на "
                    "пограничных переходах выстраивались многокилометровые очереди. Железная "
                    "дорога позволит заметно увеличить объём перевозок и снизить их стоимость."
                ),
                Paragraph(
                    "Правительство Монголии рассчитывает, что рост экспорта поддержит бюджет и "
                    "курс национальной валюты. В ближайшие годы планируется построить ещё "
                    "несколько веток к пограничным переходам."
                ),
            ],
            tags=["уголь", "железная дорога"],
            hero_caption="Иллюстрация: угольный состав в пустыне Гоби",
        ),
        en=Text(
            title="Mongolia opens a new rail line to the Chinese border",
            lead=(
                "Coal trains from deposits in the Gobi Desert have started running to the Chinese "
                "border on a new rail line."
            ),
            body=[
                Paragraph(
                    "Until now most of the coal has been carried by lorries, causing queues many "
                    "kilometres long at the border crossings. The railway will make it possible "
                    "to carry much larger volumes at a lower cost."
                ),
                Paragraph(
                    "The Mongolian government expects higher exports to support the budget and "
                    "the national currency. Several more lines to border crossings are planned "
                    "over the next few years."
                ),
            ],
            tags=["coal", "railways"],
            hero_caption="Illustration: a coal train in the Gobi Desert",
        ),
    ),
    # --- society ---------------------------------------------------------------------------------
    Story(
        key="kyrgyzstan-mountain-schools-internet",
        section="society",
        published="2023-02-06 11:35",
        countries=["kyrgyzstan"],
        authors=["kim"],
        ru=Text(
            title="Школы в горных сёлах Киргизии подключают к интернету",
            lead=(
                "В Нарынской и Таласской областях ещё несколько десятков сельских школ получили "
                "доступ к скоростному интернету."
            ),
            body=[
                Paragraph(
                    "Программу реализует министерство цифрового развития совместно с операторами "
                    "связи. В отдалённых районах используются спутниковые каналы и радиорелейные "
                    "линии."
                ),
                Paragraph(
                    "Учителя рассказывают, что теперь могут проводить онлайн-уроки с "
                    "преподавателями из Бишкека и пользоваться электронными учебниками. До конца "
                    "года к сети планируют подключить все школы страны."
                ),
                Quote(
                    "Для детей из горных сёл это возможность учиться наравне со сверстниками из "
                    "городов.",
                    speaker="представитель министерства",
                ),
            ],
            tags=["образование", "интернет"],
            hero_caption="Иллюстрация: сельская школа в горах Нарына",
        ),
        en=Text(
            title="Schools in Kyrgyzstan's mountain villages go online",
            lead=(
                "Several dozen more rural schools in the Naryn and Talas regions have gained "
                "access to high-speed internet."
            ),
            body=[
                Paragraph(
                    "The programme is run by the Ministry of Digital Development together with "
                    "telecom operators. Remote areas are served by satellite links and radio "
                    "relay lines."
                ),
                Paragraph(
                    "Teachers say they can now hold online lessons with colleagues from Bishkek "
                    "and use electronic textbooks. All of the country's schools are to be "
                    "connected by the end of the year."
                ),
                Quote(
                    "For children from mountain villages, this is a chance to learn on an equal "
                    "footing with their peers in the cities.",
                    speaker="a ministry spokesperson",
                ),
            ],
            tags=["education", "internet"],
            hero_caption="Illustration: a village school in the Naryn mountains",
        ),
    ),
    Story(
        key="seoul-young-families-support",
        section="society",
        published="2023-02-17 09:10",
        countries=["south-korea"],
        source="ria",
        ru=Text(
            title="Сеул расширяет поддержку молодых семей",
            lead=(
                "Власти южнокорейской столицы объявили о новых мерах помощи семьям с маленькими "
                "детьми."
            ),
            body=[
                Paragraph(
                    "Родители смогут получать ежемесячные выплаты на услуги нянь, а также "
                    "компенсацию расходов на такси для поездок с младенцами. Кроме того, при "
                    "крупных предприятиях откроются дополнительные детские сады."
                ),
                Paragraph(
                    "Городская администрация надеется, что эти меры помогут переломить снижение "
                    "рождаемости, которое остаётся одной из главных демографических проблем "
                    "страны."
                ),
            ],
            tags=["демография", "семья"],
            hero_caption="Иллюстрация: детская площадка в сеульском парке",
        ),
        en=Text(
            title="Seoul expands support for young families",
            lead=(
                "The authorities of the South Korean capital have announced new measures to help "
                "families with small children."
            ),
            body=[
                Paragraph(
                    "Parents will be able to receive monthly payments for childminders as well as "
                    "reimbursement of taxi fares for trips with infants. Additional nurseries "
                    "will also open at large companies."
                ),
                Paragraph(
                    "The city government hopes the measures will help reverse the decline in the "
                    "birth rate, which remains one of the country's main demographic challenges."
                ),
            ],
            tags=["demographics", "family"],
            hero_caption="Illustration: a playground in a Seoul park",
        ),
    ),
    Story(
        key="hokkaido-snowfall-flights",
        section="society",
        published="2023-01-28 18:20",
        countries=["japan"],
        source="tass",
        ru=Text(
            title="Снегопад на Хоккайдо нарушил авиасообщение",
            lead=(
                "Из-за сильного снегопада в аэропорту Нью-Титосэ на острове Хоккайдо отменены "
                "десятки рейсов."
            ),
            body=[
                Paragraph(
                    "За сутки в районе Саппоро выпало более 50\u00a0см снега. Части пассажиров "
                    "пришлось провести ночь в здании аэровокзала, где им раздавали одеяла и "
                    "питьевую воду."
                ),
                Paragraph(
                    "Железнодорожные компании также ограничили движение ряда поездов. Синоптики "
                    "ожидают, что погода нормализуется в течение двух дней."
                ),
            ],
            tags=["погода", "транспорт"],
            hero_caption="Иллюстрация: заснеженная взлётная полоса",
        ),
        en=Text(
            title="Snowfall in Hokkaido disrupts air travel",
            lead=(
                "Dozens of flights have been cancelled at New Chitose Airport on the island of "
                "Hokkaido because of heavy snow."
            ),
            body=[
                Paragraph(
                    "More than 50 cm of snow fell around Sapporo in 24 hours. Some passengers had "
                    "to spend the night in the terminal building, where they were given blankets "
                    "and drinking water."
                ),
                Paragraph(
                    "Railway companies have also suspended a number of trains. Forecasters expect "
                    "the weather to return to normal within two days."
                ),
            ],
            tags=["weather", "transport"],
            hero_caption="Illustration: a snow-covered runway",
        ),
    ),
    Story(
        key="central-asia-students-russian-universities",
        section="society",
        published="2023-03-06 14:45",
        countries=["russia", "kazakhstan", "uzbekistan", "kyrgyzstan"],
        authors=["belov"],
        ru=Text(
            title="Российские вузы ждут больше абитуриентов из Центральной Азии",
            lead=(
                "Российские университеты отмечают растущий интерес к учёбе в России среди "
                "выпускников школ Казахстана, Узбекистана и Киргизии."
            ),
            body=[
                Paragraph(
                    "Наибольшим спросом пользуются инженерные, медицинские и IT-специальности. "
                    "Многие вузы проводят дни открытых дверей и олимпиады прямо в городах "
                    "региона."
                ),
                Paragraph(
                    "Ряд университетов открыл в Центральной Азии филиалы и совместные программы, "
                    "позволяющие получить два диплома. Приёмные комиссии замечают, что "
                    "абитуриенты всё чаще выбирают региональные вузы, а не только московские и "
                    "петербургские."
                ),
            ],
            tags=["образование", "студенты"],
            hero_caption="Иллюстрация: студенты в аудитории",
        ),
        en=Text(
            title="Russian universities expect more applicants from Central Asia",
            lead=(
                "Russian universities are seeing growing interest in studying in Russia among "
                "school leavers from Kazakhstan, Uzbekistan and Kyrgyzstan."
            ),
            body=[
                Paragraph(
                    "Engineering, medicine and IT are the most sought-after subjects. Many "
                    "universities hold open days and academic competitions in the cities of the "
                    "region itself."
                ),
                Paragraph(
                    "Several universities have opened branches and joint double-degree programmes "
                    "in Central Asia. Admissions offices note that applicants increasingly choose "
                    "regional universities, not only those in Moscow and St Petersburg."
                ),
            ],
            tags=["education", "students"],
            hero_caption="Illustration: students in a lecture hall",
        ),
    ),
    Story(
        key="vietnam-tet-travel",
        section="society",
        published="2023-01-19 07:50",
        countries=["vietnam"],
        source="bigasia-tv",
        ru=Text(
            title="Вьетнам разъезжается на праздник Тет",
            lead=(
                "Накануне вьетнамского Нового года вокзалы и автостанции крупных городов работают "
                "в усиленном режиме."
            ),
            body=[
                Paragraph(
                    "Миллионы жителей Ханоя и Хошимина отправляются в родные провинции, чтобы "
                    "встретить праздник с семьями. Железная дорога назначила дополнительные "
                    "поезда, авиакомпании — дополнительные рейсы."
                ),
                Paragraph(
                    "Власти призвали водителей соблюдать правила дорожного движения: в "
                    "праздничные дни нагрузка на трассы возрастает в несколько раз."
                ),
                Quote(
                    "Мы сделали всё, чтобы каждый, кто хочет, успел уехать домой к празднику.",
                    speaker="представитель министерства транспорта Вьетнама",
                ),
            ],
            tags=["праздники", "транспорт"],
            hero_caption="Иллюстрация: вокзал Ханоя накануне Тета",
        ),
        en=Text(
            title="Vietnam heads home for Tet",
            lead=(
                "On the eve of the Vietnamese New Year, railway and bus stations in the big "
                "cities are working at full stretch."
            ),
            body=[
                Paragraph(
                    "Millions of people from Hanoi and Ho Chi Minh City are travelling to their "
                    "home provinces to celebrate the holiday with their families. The railway has "
                    "scheduled extra trains and airlines have added flights."
                ),
                Paragraph(
                    "The authorities have urged drivers to observe traffic rules, as the load on "
                    "the highways increases several times over during the holiday."
                ),
                Quote(
                    "We have done everything we can so that everyone who wants to can get home in "
                    "time for the holiday.",
                    speaker="a spokesperson for Vietnam's Ministry of Transport",
                ),
            ],
            tags=["holidays", "transport"],
            hero_caption="Illustration: Hanoi railway station on the eve of Tet",
        ),
    ),
    Story(
        key="china-spring-festival-travel",
        section="society",
        published="2023-01-10 16:15",
        countries=["china"],
        source="ria",
        ru=Text(
            title="В Китае начался сезон праздничных поездок",
            lead=(
                "Китай вступил в период массовых поездок перед праздником Весны, который в этом "
                "году приходится на конец января."
            ),
            body=[
                Paragraph(
                    "По оценкам транспортных ведомств, за сорок дней сезона будет совершено более "
                    "двух миллиардов поездок. Железные дороги вводят в расписание дополнительные "
                    "скоростные поезда."
                ),
                Paragraph(
                    "Это первый за три года праздничный сезон без масштабных ограничений на "
                    "передвижение, поэтому спрос на билеты особенно высок."
                ),
            ],
            tags=["праздники", "транспорт"],
            hero_caption="Иллюстрация: скоростной поезд на вокзале в Пекине",
        ),
        en=Text(
            title="China's holiday travel season begins",
            lead=(
                "China has entered the period of mass travel ahead of the Spring Festival, which "
                "falls at the end of January this year."
            ),
            body=[
                Paragraph(
                    "Transport authorities estimate that more than two billion trips will be made "
                    "over the forty-day season. The railways are adding extra high-speed trains "
                    "to the timetable."
                ),
                Paragraph(
                    "This is the first holiday season in three years without sweeping travel "
                    "restrictions, so demand for tickets is especially high."
                ),
            ],
            tags=["holidays", "transport"],
            hero_caption="Illustration: a high-speed train at a Beijing station",
        ),
    ),
    Story(
        key="mongolia-herders-winter-aid",
        section="society",
        published="2023-02-11 10:50",
        countries=["mongolia"],
        authors=["sokolova"],
        ru=Text(
            title="Монголия помогает скотоводам пережить суровую зиму",
            lead=(
                "Правительство Монголии направило запасы сена и кормов в аймаки, сильнее всего "
                "пострадавшие от морозов и снегопадов."
            ),
            body=[
                Paragraph(
                    "Из-за глубокого снега животные не могут добраться до пастбищ, и скотоводам "
                    "нужны дополнительные корма. Помощь доставляют грузовиками, а там, где дороги "
                    "занесены, — гусеничной техникой."
                ),
                Paragraph(
                    "Местные власти также организуют выезды ветеринаров и медиков в отдалённые "
                    "стойбища. Скотоводство остаётся основой жизни для значительной части "
                    "сельского населения страны."
                ),
            ],
            tags=["сельское хозяйство", "погода"],
            hero_caption="Иллюстрация: юрта в заснеженной степи",
        ),
        en=Text(
            title="Mongolia helps herders through a harsh winter",
            lead=(
                "The Mongolian government has sent supplies of hay and fodder to the provinces "
                "hit hardest by frost and snow."
            ),
            body=[
                Paragraph(
                    "Deep snow prevents animals from reaching their pastures, so herders need "
                    "extra fodder. The aid is delivered by lorry and, where roads are snowed in, "
                    "by tracked vehicles."
                ),
                Paragraph(
                    "Local authorities are also sending vets and medical staff to remote herding "
                    "camps. Livestock farming remains the basis of life for a large part of the "
                    "country's rural population."
                ),
            ],
            tags=["agriculture", "weather"],
            hero_caption="Illustration: a yurt in the snowy steppe",
        ),
    ),
    # --- culture ---------------------------------------------------------------------------------
    Story(
        key="russian-film-week-hanoi",
        section="culture",
        published="2023-03-03 17:30",
        countries=["vietnam", "russia"],
        source="bigasia-tv",
        ru=Text(
            title="В Ханое открылась неделя российского кино",
            lead=(
                "Зрители вьетнамской столицы увидят современные российские фильмы с вьетнамскими "
                "субтитрами."
            ),
            body=[
                Paragraph(
                    "В программу вошли семейные картины, анимация и приключенческие ленты "
                    "последних лет. Показы проходят в одном из крупнейших кинотеатров города, "
                    "вход свободный."
                ),
                Paragraph(
                    "Организаторы отмечают, что интерес к российской культуре во Вьетнаме "
                    "сохраняется: многие зрители старшего поколения учились в СССР и хорошо "
                    "помнят советское кино."
                ),
            ],
            tags=["кино"],
            hero_caption="Иллюстрация: зал кинотеатра в Ханое",
        ),
        en=Text(
            title="Russian film week opens in Hanoi",
            lead=(
                "Audiences in the Vietnamese capital will see recent Russian films with "
                "Vietnamese subtitles."
            ),
            body=[
                Paragraph(
                    "The programme includes family films, animation and adventure movies from "
                    "recent years. The screenings are held at one of the city's largest cinemas, "
                    "and admission is free."
                ),
                Paragraph(
                    "The organisers say interest in Russian culture remains strong in Vietnam: "
                    "many older viewers studied in the Soviet Union and remember Soviet cinema "
                    "well."
                ),
            ],
            tags=["cinema"],
            hero_caption="Illustration: a cinema hall in Hanoi",
        ),
    ),
    Story(
        key="almaty-nauryz-preparations",
        section="culture",
        published="2023-03-20 19:05",
        countries=["kazakhstan"],
        authors=["akhmetov"],
        ru=Text(
            title="Алма-Ата готовится к Наурызу",
            lead="В Алма-Ате завершают подготовку к Наурызу — весеннему празднику обновления.",
            body=[
                Paragraph(
                    "На площадях города ставят юрты, где гостей будут угощать наурыз-коже и "
                    "другими национальными блюдами. В парках пройдут концерты, айтысы акынов и "
                    "конные игры."
                ),
                Paragraph(
                    "Праздничные мероприятия продлятся несколько дней. Городские власти советуют "
                    "жителям пользоваться общественным транспортом: часть центральных улиц будет "
                    "перекрыта."
                ),
                Quote(
                    "Наурыз — праздник, который объединяет людей разных национальностей.",
                    speaker="представитель акимата Алма-Аты",
                ),
            ],
            tags=["праздники", "традиции"],
            hero_caption="Иллюстрация: юрты на праздничной площади",
        ),
        en=Text(
            title="Almaty gets ready for Nauryz",
            lead="Almaty is completing preparations for Nauryz, the spring festival of renewal.",
            body=[
                Paragraph(
                    "Yurts are going up on the city's squares, where visitors will be treated to "
                    "nauryz kozhe and other national dishes. The parks will host concerts, aitys "
                    "contests between improvising poets and equestrian games."
                ),
                Paragraph(
                    "The celebrations will last several days. The city authorities advise "
                    "residents to use public transport, as some central streets will be closed."
                ),
                Quote(
                    "Nauryz is a holiday that brings together people of different ethnic "
                    "backgrounds.",
                    speaker="a spokesperson for the Almaty city administration",
                ),
            ],
            tags=["holidays", "traditions"],
            hero_caption="Illustration: yurts on a festive square",
        ),
    ),
    Story(
        key="samarkand-madrasa-restoration",
        section="culture",
        published="2023-02-24 12:00",
        countries=["uzbekistan"],
        source="tass",
        ru=Text(
            title="В Самарканде завершают реставрацию старинного медресе",
            lead=(
                "Реставраторы Самарканда заканчивают восстанавливать мозаичное убранство одного "
                "из медресе исторического центра города."
            ),
            body=[
                Paragraph(
                    "Мастера воссоздают утраченные фрагменты изразцов по старинным технологиям, "
                    "используя глазури на основе природных красителей. Работы идут под надзором "
                    "специалистов, которые следят за сохранностью подлинных элементов."
                ),
                Paragraph(
                    "После реставрации в здании разместятся мастерские ремесленников и небольшой "
                    "музей. Исторический центр Самарканда входит в список Всемирного наследия "
                    "ЮНЕСКО."
                ),
            ],
            tags=["наследие", "реставрация"],
            hero_caption="Иллюстрация: мозаика на портале медресе",
        ),
        en=Text(
            title="Restoration of an old madrasa nears completion in Samarkand",
            lead=(
                "Restorers in Samarkand are finishing work on the mosaic decoration of one of the "
                "madrasas in the city's historic centre."
            ),
            body=[
                Paragraph(
                    "Craftsmen are recreating lost fragments of the tilework using traditional "
                    "techniques and glazes based on natural pigments. The work is supervised by "
                    "specialists who make sure the original elements are preserved."
                ),
                Paragraph(
                    "After the restoration, the building will house craft workshops and a small "
                    "museum. The historic centre of Samarkand is a UNESCO World Heritage Site."
                ),
            ],
            tags=["heritage", "restoration"],
            hero_caption="Illustration: mosaic tiles on a madrasa portal",
        ),
    ),
    Story(
        key="indian-dance-festival-moscow",
        section="culture",
        published="2023-02-02 18:40",
        countries=["india", "russia"],
        authors=["kim"],
        ru=Text(
            title="В Москве пройдёт фестиваль индийского классического танца",
            lead=(
                "Танцоры из нескольких штатов Индии выступят в Москве на фестивале классического "
                "танца."
            ),
            body=[
                Paragraph(
                    "Зрители увидят постановки в стилях бхаратанатьям, катхак и одисси. Помимо "
                    "концертов, в программе мастер-классы для начинающих и лекции об истории "
                    "индийского театра."
                ),
                Paragraph(
                    "Фестиваль проходит при поддержке посольства Индии. Организаторы надеются, "
                    "что он станет ежегодным и охватит другие российские города."
                ),
                Quote(
                    "Танец — это язык, понятный без перевода.",
                    speaker="представитель оргкомитета фестиваля",
                ),
            ],
            tags=["танец", "фестиваль"],
            hero_caption="Иллюстрация: танцовщица в костюме для катхака",
        ),
        en=Text(
            title="Moscow to host a festival of Indian classical dance",
            lead=(
                "Dancers from several Indian states will perform in Moscow at a festival of "
                "classical dance."
            ),
            body=[
                Paragraph(
                    "Audiences will see performances in the bharatanatyam, kathak and odissi "
                    "styles. Besides the concerts, the programme includes workshops for beginners "
                    "and lectures on the history of Indian theatre."
                ),
                Paragraph(
                    "The festival is supported by the Embassy of India. The organisers hope it "
                    "will become an annual event and reach other Russian cities."
                ),
                Quote(
                    "Dance is a language that needs no translation.",
                    speaker="a member of the festival's organising committee",
                ),
            ],
            tags=["dance", "festival"],
            hero_caption="Illustration: a dancer in a kathak costume",
        ),
    ),
    Story(
        key="japanese-prints-vladivostok",
        section="culture",
        published="2023-03-11 13:15",
        countries=["japan", "russia"],
        source="ria",
        authors=["belov"],
        ru=Text(
            title="Во Владивостоке показывают японскую гравюру",
            lead=(
                "В одном из музеев Владивостока открылась выставка японской ксилографии эпохи Эдо."
            ),
            body=[
                Paragraph(
                    "В экспозицию вошли около ста листов, в том числе пейзажи, театральные "
                    "портреты и сцены повседневной жизни. Работы предоставили частные "
                    "коллекционеры и музеи Дальнего Востока."
                ),
                Paragraph(
                    "Для посетителей подготовлены экскурсии и занятия, на которых можно "
                    "познакомиться с техникой печати с деревянных досок. Выставка продлится до "
                    "конца весны."
                ),
            ],
            tags=["выставка", "искусство"],
            hero_caption="Иллюстрация: японская гравюра с видом на Фудзи",
        ),
        en=Text(
            title="Vladivostok shows Japanese woodblock prints",
            lead=(
                "An exhibition of Japanese woodblock prints from the Edo period has opened at a "
                "museum in Vladivostok."
            ),
            body=[
                Paragraph(
                    "The exhibition includes about a hundred sheets, among them landscapes, "
                    "theatre portraits and scenes of everyday life. The works were lent by "
                    "private collectors and museums of the Russian Far East."
                ),
                Paragraph(
                    "Guided tours and workshops introduce visitors to the technique of printing "
                    "from wooden blocks. The exhibition runs until the end of spring."
                ),
            ],
            tags=["exhibition", "art"],
            hero_caption="Illustration: a Japanese print with a view of Mount Fuji",
        ),
    ),
    Story(
        key="harbin-ice-festival",
        section="culture",
        published="2023-01-14 11:25",
        countries=["china"],
        source="interfax",
        ru=Text(
            title="В Харбине открылся фестиваль ледяных скульптур",
            lead=(
                "Международный фестиваль льда и снега в Харбине вновь принимает гостей после "
                "нескольких лет ограничений."
            ),
            body=[
                Paragraph(
                    "Из ледяных блоков, вырезанных на реке Сунгари, мастера возвели подсвеченные "
                    "замки, башни и арки. Среди участников конкурса скульпторов — команды из "
                    "России, Монголии и Японии."
                ),
                Paragraph(
                    "Организаторы ожидают рекордного числа туристов, в том числе из российских "
                    "дальневосточных регионов. Если позволит погода, фестиваль продлится до конца "
                    "февраля."
                ),
            ],
            tags=["фестиваль", "туризм"],
            hero_caption="Иллюстрация: ледяной замок с подсветкой",
        ),
        en=Text(
            title="Harbin ice sculpture festival opens",
            lead=(
                "The Harbin International Ice and Snow Festival is welcoming visitors again after "
                "several years of restrictions."
            ),
            body=[
                Paragraph(
                    "Using blocks of ice cut from the Songhua River, craftsmen have built "
                    "illuminated castles, towers and arches. Teams from Russia, Mongolia and "
                    "Japan are among the entrants in the sculpture contest."
                ),
                Paragraph(
                    "The organisers expect a record number of tourists, including from Russia's "
                    "Far Eastern regions. Weather permitting, the festival will run until the end "
                    "of February."
                ),
            ],
            tags=["festival", "tourism"],
            hero_caption="Illustration: an illuminated ice castle",
        ),
    ),
    Story(
        key="seoul-russian-language-olympiad",
        section="culture",
        published="2023-03-25 10:20",
        countries=["south-korea", "russia"],
        authors=["sokolova"],
        ru=Text(
            title="В Сеуле прошла олимпиада по русскому языку",
            lead=(
                "Студенты южнокорейских университетов соревновались в знании русского языка и "
                "литературы."
            ),
            body=[
                Paragraph(
                    "Участники читали стихи, писали сочинения и отвечали на вопросы о российской "
                    "культуре. Победители получили приглашения на летние языковые курсы в России."
                ),
                Paragraph(
                    "Русский язык изучают в нескольких десятках вузов Республики Корея. "
                    "Преподаватели говорят, что студентов привлекают литература, кино и карьерные "
                    "возможности."
                ),
                Quote(
                    "С каждым годом участники приходят всё лучше подготовленными.",
                    speaker="член жюри олимпиады",
                ),
            ],
            tags=["образование", "русский язык"],
            hero_caption="Иллюстрация: книги на русском языке в университетской библиотеке",
        ),
        en=Text(
            title="Seoul hosts a Russian language olympiad",
            lead=(
                "Students from South Korean universities competed in their knowledge of the "
                "Russian language and literature."
            ),
            body=[
                Paragraph(
                    "Participants recited poems, wrote essays and answered questions about "
                    "Russian culture. The winners received invitations to summer language courses "
                    "in Russia."
                ),
                Paragraph(
                    "Russian is taught at several dozen universities in South Korea. Teachers say "
                    "students are drawn by literature, film and career opportunities."
                ),
                Quote(
                    "Every year the participants come better prepared.",
                    speaker="a member of the olympiad jury",
                ),
            ],
            tags=["education", "Russian language"],
            hero_caption="Illustration: Russian-language books in a university library",
        ),
    ),
    # --- security --------------------------------------------------------------------------------
    Story(
        key="kazakhstan-kyrgyzstan-rescue-drill",
        section="security",
        published="2023-02-15 15:40",
        countries=["kazakhstan", "kyrgyzstan"],
        source="tass",
        ru=Text(
            title="Спасатели Казахстана и Киргизии провели совместные учения",
            lead=(
                "Спасательные службы двух стран отработали действия при землетрясении в "
                "приграничном районе."
            ),
            body=[
                Paragraph(
                    "По сценарию учений, сильный подземный толчок повредил жилые дома и дорогу в "
                    "горной местности. Спасатели искали пострадавших под завалами, разворачивали "
                    "полевой госпиталь и эвакуировали жителей."
                ),
                Paragraph(
                    "В учениях участвовали несколько сотен специалистов, кинологи и авиация. "
                    "Стороны договорились проводить такие тренировки ежегодно."
                ),
                Quote(
                    "Землетрясения не знают границ, поэтому нам важно действовать слаженно.",
                    speaker="представитель министерства по чрезвычайным ситуациям",
                ),
            ],
            tags=["чрезвычайные ситуации", "учения"],
            hero_caption="Иллюстрация: спасатели в горах Тянь-Шаня",
        ),
        en=Text(
            title="Rescuers from Kazakhstan and Kyrgyzstan hold a joint drill",
            lead=(
                "The rescue services of the two countries practised their response to an "
                "earthquake in a border area."
            ),
            body=[
                Paragraph(
                    "Under the exercise scenario, a strong tremor damaged houses and a road in "
                    "mountainous terrain. Rescuers searched for victims under rubble, set up a "
                    "field hospital and evacuated residents."
                ),
                Paragraph(
                    "Several hundred specialists, dog handlers and aircraft took part in the "
                    "drill. The two sides agreed to hold such exercises every year."
                ),
                Quote(
                    "Earthquakes know no borders, so it is important for us to act in concert.",
                    speaker="an emergencies ministry spokesperson",
                ),
            ],
            tags=["emergencies", "drills"],
            hero_caption="Illustration: rescuers in the Tian Shan mountains",
        ),
    ),
    Story(
        key="sco-rats-council-tashkent",
        section="security",
        published="2023-03-29 12:30",
        countries=["uzbekistan", "india", "china", "kazakhstan", "russia"],
        source="ria",
        ru=Text(
            title="В Ташкенте обсудили противодействие терроризму в рамках ШОС",
            lead=(
                "Совет Региональной антитеррористической структуры ШОС провёл в Ташкенте "
                "очередное заседание."
            ),
            body=[
                Paragraph(
                    "Представители компетентных органов государств — членов организации обсудили "
                    "обмен информацией, противодействие вербовке в интернете и подготовку "
                    "совместных антитеррористических учений."
                ),
                Paragraph(
                    "Участники утвердили план работы на ближайший период и согласовали программу "
                    "повышения квалификации специалистов. Исполнительный комитет структуры "
                    "находится в столице Узбекистана."
                ),
            ],
            tags=["ШОС", "терроризм"],
            hero_caption="Иллюстрация: зал заседаний в Ташкенте",
        ),
        en=Text(
            title="SCO counter-terrorism cooperation discussed in Tashkent",
            lead=(
                "The Council of the SCO Regional Anti-Terrorist Structure has held a regular "
                "meeting in Tashkent."
            ),
            body=[
                Paragraph(
                    "Representatives of the competent authorities of the member states discussed "
                    "information sharing, countering online recruitment and preparations for "
                    "joint counter-terrorism exercises."
                ),
                Paragraph(
                    "The participants approved a work plan for the coming period and agreed on a "
                    "training programme for specialists. The structure's executive committee is "
                    "based in the Uzbek capital."
                ),
            ],
            tags=["SCO", "terrorism"],
            hero_caption="Illustration: a conference hall in Tashkent",
        ),
    ),
    Story(
        key="indonesia-earthquake-early-warning",
        section="security",
        published="2023-01-20 09:35",
        countries=["indonesia", "japan"],
        authors=["kim"],
        ru=Text(
            title="Индонезия расширяет сеть раннего предупреждения о землетрясениях",
            lead=(
                "Агентство метеорологии, климатологии и геофизики Индонезии устанавливает новые "
                "сейсмические датчики на островах архипелага."
            ),
            body=[
                Paragraph(
                    "Новые станции позволят быстрее определять параметры подземных толчков и "
                    "рассылать предупреждения о возможном цунами. Часть оборудования поставлена в "
                    "рамках сотрудничества с Японией."
                ),
                Paragraph(
                    "Параллельно в прибрежных районах проходят учения для жителей и школьников: "
                    "их учат распознавать сигналы тревоги и выбирать безопасные маршруты "
                    "эвакуации."
                ),
                Quote(
                    "Несколько минут предупреждения способны спасти тысячи жизней.",
                    speaker="представитель агентства",
                ),
            ],
            tags=["сейсмология", "цунами"],
            hero_caption="Иллюстрация: сейсмическая станция на побережье",
        ),
        en=Text(
            title="Indonesia expands its earthquake early warning network",
            lead=(
                "Indonesia's Meteorology, Climatology and Geophysics Agency is installing new "
                "seismic sensors across the archipelago."
            ),
            body=[
                Paragraph(
                    "The new stations will make it possible to determine the parameters of "
                    "tremors faster and to send out warnings of a possible tsunami. Some of the "
                    "equipment was supplied under cooperation with Japan."
                ),
                Paragraph(
                    "At the same time, drills are being held for residents and schoolchildren in "
                    "coastal areas, who are taught to recognise alarm signals and choose safe "
                    "evacuation routes."
                ),
                Quote(
                    "A few minutes of warning can save thousands of lives.",
                    speaker="an agency spokesperson",
                ),
            ],
            tags=["seismology", "tsunami"],
            hero_caption="Illustration: a seismic station on the coast",
        ),
    ),
    Story(
        key="vietnam-banking-cyber-drill",
        section="security",
        published="2023-03-17 16:00",
        countries=["vietnam"],
        source="interfax",
        ru=Text(
            title="Вьетнамские банки прошли киберучения",
            lead="Во Вьетнаме завершились учения по отражению кибератак на финансовые организации.",
            body=[
                Paragraph(
                    "Специалисты по информационной безопасности нескольких десятков банков "
                    "отрабатывали действия при попытках взлома платёжных систем и утечках "
                    "клиентских данных. Учения организовал Государственный банк Вьетнама вместе с "
                    "профильными ведомствами."
                ),
                Paragraph(
                    "По итогам тренировки участники подготовят рекомендации по защите мобильных "
                    "банковских приложений, число пользователей которых в стране быстро растёт."
                ),
            ],
            tags=["кибербезопасность", "банки"],
            hero_caption="Иллюстрация: центр мониторинга информационной безопасности",
        ),
        en=Text(
            title="Vietnamese banks complete a cyber security exercise",
            lead=(
                "An exercise on repelling cyber attacks against financial institutions has ended "
                "in Vietnam."
            ),
            body=[
                Paragraph(
                    "Information security specialists from several dozen banks practised their "
                    "response to attempts to break into payment systems and to leaks of customer "
                    "data. The exercise was organised by the State Bank of Vietnam together with "
                    "the relevant agencies."
                ),
                Paragraph(
                    "Following the exercise, the participants will draw up recommendations for "
                    "protecting mobile banking apps, whose user numbers are growing fast in the "
                    "country."
                ),
            ],
            tags=["cyber security", "banking"],
            hero_caption="Illustration: a security operations centre",
        ),
    ),
    Story(
        key="mongolia-russia-steppe-fires",
        section="security",
        published="2023-03-27 11:45",
        countries=["mongolia", "russia"],
        authors=["belov"],
        ru=Text(
            title="Россия и Монголия договорились вместе бороться со степными пожарами",
            lead=(
                "Пожарные службы приграничных регионов двух стран согласовали порядок "
                "взаимодействия перед началом весеннего пожароопасного сезона."
            ),
            body=[
                Paragraph(
                    "Стороны будут обмениваться данными спутникового мониторинга и оперативно "
                    "оповещать друг друга о возгораниях вблизи границы. Предусмотрена и "
                    "возможность совместного тушения крупных пожаров."
                ),
                Paragraph(
                    "Весной сухая трава в степи загорается особенно легко, а сильный ветер "
                    "способен за несколько часов перенести огонь на десятки километров."
                ),
                Quote(
                    "Огонь не останавливается на границе, поэтому сведения о нём должны "
                    "передаваться без задержек.",
                    speaker="представитель МЧС России",
                ),
            ],
            tags=["пожары", "чрезвычайные ситуации"],
            hero_caption="Иллюстрация: степь на границе Забайкалья и Монголии",
        ),
        en=Text(
            title="Russia and Mongolia agree to fight steppe fires together",
            lead=(
                "Fire services in the border regions of the two countries have agreed how to work "
                "together ahead of the spring fire season."
            ),
            body=[
                Paragraph(
                    "The sides will share satellite monitoring data and promptly alert each other "
                    "to fires near the border. The arrangement also allows for joint firefighting "
                    "in the case of large blazes."
                ),
                Paragraph(
                    "In spring, dry grass in the steppe catches fire especially easily, and "
                    "strong winds can carry the flames tens of kilometres in a few hours."
                ),
                Quote(
                    "Fire does not stop at the border, so information about it must be passed on "
                    "without delay.",
                    speaker="a spokesperson for Russia's Emergencies Ministry",
                ),
            ],
            tags=["wildfires", "emergencies"],
            hero_caption=(
                "Illustration: the steppe on the border between Transbaikalia and Mongolia"
            ),
        ),
    ),
    Story(
        key="japan-tsunami-evacuation-drill",
        section="security",
        published="2023-03-10 08:30",
        countries=["japan"],
        source="bigasia-tv",
        ru=Text(
            title="Прибрежные города Японии провели учения по эвакуации при цунами",
            lead=(
                "Накануне годовщины землетрясения 2011\u00a0года жители северо-восточного "
                "побережья Японии приняли участие в учениях по эвакуации."
            ),
            body=[
                Paragraph(
                    "По сигналу сирен люди поднимались на возвышенности и в специальные "
                    "эвакуационные башни. Для пожилых жителей выделили автобусы и привлекли "
                    "волонтёров."
                ),
                Paragraph(
                    "Местные власти проверили работу систем оповещения, в том числе рассылку "
                    "сообщений на мобильные телефоны. Результаты учений учтут при обновлении "
                    "планов эвакуации."
                ),
            ],
            tags=["цунами", "учения"],
            hero_caption="Иллюстрация: эвакуационная башня на побережье",
        ),
        en=Text(
            title="Japanese coastal towns hold tsunami evacuation drills",
            lead=(
                "On the eve of the anniversary of the 2011 earthquake, residents of Japan's "
                "north-eastern coast took part in evacuation drills."
            ),
            body=[
                Paragraph(
                    "When the sirens sounded, people climbed to higher ground and into "
                    "purpose-built evacuation towers. Buses and volunteers were provided to help "
                    "elderly residents."
                ),
                Paragraph(
                    "Local authorities tested their warning systems, including alerts sent to "
                    "mobile phones. The results of the drills will be taken into account when "
                    "evacuation plans are updated."
                ),
            ],
            tags=["tsunami", "drills"],
            hero_caption="Illustration: an evacuation tower on the coast",
        ),
    ),
    Story(
        key="khorgos-customs-cooperation",
        section="security",
        published="2023-02-08 14:10",
        countries=["kazakhstan", "china"],
        authors=["akhmetov"],
        ru=Text(
            title="Таможенники Казахстана и Китая усилили контроль на Хоргосе",
            lead=(
                "Таможенные службы двух стран договорились обмениваться предварительной "
                "информацией о грузах, проходящих через пункт пропуска Хоргос."
            ),
            body=[
                Paragraph(
                    "Новая система позволит заранее выявлять подозрительные партии и сократить "
                    "время досмотра для добросовестных перевозчиков. Особое внимание уделят "
                    "контрабанде наркотиков и контрафактной продукции."
                ),
                Paragraph(
                    "Хоргос — один из самых загруженных пунктов пропуска на "
                    "казахстанско-китайской границе. Рядом с ним работает Международный центр "
                    "приграничного сотрудничества."
                ),
                Quote(
                    "Быстрый обмен данными делает границу удобнее для бизнеса и надёжнее для "
                    "государства.",
                    speaker="представитель Комитета государственных доходов Казахстана",
                ),
            ],
            tags=["таможня", "граница"],
            hero_caption="Иллюстрация: грузовики у пункта пропуска Хоргос",
        ),
        en=Text(
            title="Kazakh and Chinese customs tighten controls at Khorgos",
            lead=(
                "The customs services of the two countries have agreed to exchange advance "
                "information on goods passing through the Khorgos checkpoint."
            ),
            body=[
                Paragraph(
                    "The new system will make it possible to identify suspicious consignments in "
                    "advance and cut inspection times for bona fide carriers. Particular "
                    "attention will be paid to drug smuggling and counterfeit goods."
                ),
                Paragraph(
                    "Khorgos is one of the busiest crossings on the Kazakh-Chinese border. The "
                    "International Centre for Cross-Border Cooperation operates next to it."
                ),
                Quote(
                    "Fast data exchange makes the border more convenient for business and more "
                    "secure for the state.",
                    speaker="a spokesperson for Kazakhstan's State Revenue Committee",
                ),
            ],
            tags=["customs", "border"],
            hero_caption="Illustration: lorries at the Khorgos checkpoint",
        ),
    ),
]
