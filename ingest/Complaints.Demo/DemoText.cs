using System.Globalization;
using System.Text;

namespace Complaints.Demo;

/// <summary>
/// Free text for descriptions and survey comments, in Polish or English. Sentences are assembled from a few
/// phrasings each, so texts vary in wording and length, and some carry commas, quotes and line breaks —
/// what real complaint forms contain and what a CSV reader has to survive.
/// </summary>
internal sealed class DemoText
{
    private readonly StringBuilder _text = new(512);
    private readonly List<string> _details = new(16);

    /// <param name="aboutTheProduct">A defect or technical fault, rather than a delivery, billing or service matter.</param>
    /// <param name="brief">Typed on a phone (SMS, chat): no greeting, no sign-off, no extra detail.</param>
    /// <param name="planted">A recurring defect the complaint belongs to: its wording replaces the usual problem sentence.</param>
    public string Description(Random random, bool polish, DemoProduct product, bool aboutTheProduct, string defect,
        string expectation, string customerFirstName, bool brief, DemoRecurringDefect? planted = null)
    {
        _text.Clear();
        var lines = polish ? Polish : English;

        if (!brief && random.Chance(0.6))
            Sentence(random.Pick(lines.Openings), random.Chance(0.35) ? '\n' : ' ');

        var problems = planted is not null ? planted.Wordings[polish ? "pl" : "en"]
            : lines.Problems.TryGetValue(defect, out var known) ? known : lines.GenericProblem;
        Sentence(random.Pick(problems).Replace("{p}", product.Name, StringComparison.Ordinal), ' ');
        if (defect == "error_code")
            Sentence(string.Format(CultureInfo.InvariantCulture, lines.ErrorMessage, random.Next(10, 99)), ' ');
        if (aboutTheProduct && !brief && random.Chance(0.3))
            Sentence(random.Pick(lines.Frequency), ' ');

        var details = brief ? 0 : random.Next(0, 3);
        if (details > 0)
        {
            _details.Clear();
            _details.AddRange(lines.CaseDetails);
            if (aboutTheProduct)
                _details.AddRange(lines.UsageDetails);
            if (aboutTheProduct && product.Category.Electric)
                _details.AddRange(lines.DeviceDetails);

            // Two different details at most: the second is taken from the ones after the first, wrapping round.
            var first = random.Next(_details.Count);
            AddDetail(random, _details[first]);
            if (details == 2)
                AddDetail(random, _details[(first + 1 + random.Next(_details.Count - 1)) % _details.Count]);
        }

        Sentence(random.Pick(lines.Requests[expectation]), ' ');

        if (!brief && random.Chance(0.4))
        {
            _text.Length--; // the space after the request
            _text.Append(random.Chance(0.5) ? '\n' : ' ');
            _text.Append(random.Pick(lines.Closings)).Append(", ").Append(customerFirstName);
        }

        // People type in a hurry: some texts carry a slip of the keyboard, and some Polish ones are typed
        // without diacritics at all, which a text model (and a key-phrase search) has to live with.
        if (polish && random.Chance(0.07))
            StripDiacritics();
        if (random.Chance(0.09))
        {
            Typo(random);
            if (random.Chance(0.3))
                Typo(random);
        }
        return _text.ToString().TrimEnd();
    }

    /// <summary>Swaps two neighbouring letters, drops one or doubles one, somewhere inside a word.</summary>
    private void Typo(Random random)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var i = random.Next(1, Math.Max(2, _text.Length - 1));
            if (i + 1 >= _text.Length || !char.IsLetter(_text[i]) || !char.IsLetter(_text[i + 1]) || !char.IsLetter(_text[i - 1]))
                continue;
            switch (random.Next(3))
            {
                case 0:
                    (_text[i], _text[i + 1]) = (_text[i + 1], _text[i]);
                    break;
                case 1:
                    _text.Remove(i, 1);
                    break;
                default:
                    _text.Insert(i, _text[i]);
                    break;
            }
            return;
        }
    }

    private void StripDiacritics()
    {
        for (var i = 0; i < _text.Length; i++)
        {
            _text[i] = _text[i] switch
            {
                'ą' => 'a', 'ć' => 'c', 'ę' => 'e', 'ł' => 'l', 'ń' => 'n', 'ó' => 'o', 'ś' => 's', 'ź' or 'ż' => 'z',
                'Ą' => 'A', 'Ć' => 'C', 'Ę' => 'E', 'Ł' => 'L', 'Ń' => 'N', 'Ó' => 'O', 'Ś' => 'S', 'Ź' or 'Ż' => 'Z',
                var c => c,
            };
        }
    }

    public static string? SurveyComment(Random random, bool polish, int csat)
    {
        if (!random.Chance(0.45))
            return null;
        var lines = polish ? Polish : English;
        var comments = csat >= 4 ? lines.Praise : csat == 3 ? lines.Lukewarm : lines.Criticism;
        return random.Pick(comments);
    }

    private void AddDetail(Random random, string detail) =>
        Sentence(detail.Replace("{n}", random.Next(2, 60).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            random.Chance(0.1) ? '\n' : ' ');

    private void Sentence(string sentence, char separatorAfter) => _text.Append(sentence).Append(separatorAfter);

    private sealed record Phrasebook(
        string[] Openings,
        Dictionary<string, string[]> Problems,
        string[] GenericProblem,
        string ErrorMessage,
        string[] Frequency,
        string[] CaseDetails,
        string[] UsageDetails,
        string[] DeviceDetails,
        Dictionary<string, string[]> Requests,
        string[] Closings,
        string[] Praise,
        string[] Lukewarm,
        string[] Criticism);

    private static readonly Phrasebook Polish = new(
        Openings: ["Dzień dobry,", "Szanowni Państwo,", "Witam,", "Dzień dobry, piszę w sprawie reklamacji."],
        Problems: new(StringComparer.Ordinal)
        {
            ["does_not_turn_on"] = ["{p} nie włącza się – dioda zasilania w ogóle się nie świeci.", "Po podłączeniu do prądu {p} nie reaguje na żaden przycisk.", "Zakupiony produkt ({p}) przestał się uruchamiać po kilku dniach."],
            ["noise"] = ["Podczas pracy {p} wydaje głośne, metaliczne dźwięki.", "Słychać piski i stuki, których wcześniej nie było."],
            ["leaking"] = ["{p} przecieka, pod spodem zbiera się woda.", "Zauważyłem przeciek, wszystko dookoła jest mokre."],
            ["overheating"] = ["{p} bardzo się nagrzewa i po kilkunastu minutach się wyłącza.", "Obudowa robi się gorąca, czuć zapach spalenizny."],
            ["error_code"] = ["Urządzenie ({p}) przerywa pracę i pokazuje kod błędu.", "{p} co chwilę zgłasza błąd, instrukcja nic nie wyjaśnia."],
            ["not_cooling"] = ["Lodówka nie chłodzi, w środku jest ponad 12 stopni.", "{p} przestała chłodzić, jedzenie się psuje."],
            ["cracked_housing"] = ["Obudowa pękła w okolicy zawiasu, choć produkt nie był upuszczony.", "Na obudowie pojawiło się pęknięcie długości kilku centymetrów."],
            ["battery_drain"] = ["Bateria rozładowuje się w ciągu kilku godzin, nawet bez używania.", "{p} trzyma na baterii najwyżej pół dnia."],
            ["screen_defect"] = ["Na ekranie widać pionowe paski i martwe piksele.", "Ekran miga, a w rogu pojawiła się ciemna plama."],
            ["connectivity"] = ["{p} co kilka minut traci połączenie z Wi-Fi i Bluetooth.", "Nie da się sparować urządzenia z telefonem."],
            ["software_error"] = ["Po ostatniej aktualizacji oprogramowanie się zawiesza i restartuje.", "Aplikacja producenta wyświetla komunikat \"Błąd synchronizacji\"."],
            ["scratched_surface"] = ["Powierzchnia jest porysowana, rysy były widoczne od razu po rozpakowaniu.", "Na froncie są głębokie zarysowania i odpryski lakieru."],
            ["missing_parts"] = ["W paczce brakuje części: śrub, kołków i jednej półki.", "Brakuje elementów wymienionych w instrukcji, nie mogę dokończyć montażu."],
            ["wrong_size"] = ["Rozmiar nie zgadza się z opisem – produkt jest wyraźnie mniejszy.", "Wymiary różnią się od podanych na stronie o kilka centymetrów."],
            ["unstable_construction"] = ["Konstrukcja się chwieje, mimo że wszystkie śruby są dokręcone.", "Jedna noga jest krótsza, całość się kiwa."],
            ["fabric_damage"] = ["Materiał przetarł się po kilku tygodniach, widać dziury.", "Tkanina się mechaci i odbarwia."],
            ["colour_mismatch"] = ["Kolor jest zupełnie inny niż na zdjęciach w sklepie.", "Zamówiłam kolor szary, a przyszedł beżowy."],
            ["does_not_start"] = ["{p} nie odpala, mimo świeżego paliwa i nowej świecy.", "Silnik gaśnie zaraz po uruchomieniu."],
            ["rust"] = ["Po jednym sezonie pojawiła się rdza na ramie i śrubach.", "Elementy metalowe korodują, choć produkt stał pod zadaszeniem."],
            ["broken_part"] = ["Pękł jeden z elementów nośnych, dalsze używanie jest niebezpieczne.", "Złamała się rączka, produkt nie nadaje się do użytku."],
            ["seam_failure"] = ["Szwy puściły już przy pierwszym użyciu.", "Rozeszło się szycie wzdłuż całego boku."],
            ["sole_detached"] = ["Podeszwa odkleiła się po dwóch tygodniach noszenia.", "Zelówka odchodzi od cholewki w obu butach."],
            ["assembly_problem"] = ["Otwory montażowe do siebie nie pasują, a instrukcja jest niezrozumiała.", "Nie da się tego złożyć według instrukcji – rysunki nie zgadzają się z częściami."],
            ["late_delivery"] = ["Przesyłka miała dotrzeć w ciągu 3 dni, czekam już ponad dwa tygodnie.", "Termin dostawy był kilka razy przesuwany bez żadnej informacji."],
            ["damaged_in_transit"] = ["Karton był zgnieciony, a produkt w środku uszkodzony.", "Kurier dostarczył paczkę z widocznymi uszkodzeniami, spisaliśmy protokół."],
            ["wrong_item"] = ["Otrzymałem inny model niż zamówiony ({p}).", "W paczce był zupełnie inny produkt."],
            ["wrong_invoice"] = ["Na fakturze jest błędny NIP i nazwa firmy.", "Faktura zawiera złą kwotę VAT."],
            ["double_charge"] = ["Płatność została pobrana z karty dwa razy.", "Zostałem obciążony podwójnie za jedno zamówienie."],
            ["price_mismatch"] = ["Cena na paragonie jest wyższa niż cena promocyjna na stronie.", "Naliczono mi cenę sprzed promocji."],
            ["no_response"] = ["Od tygodnia nikt nie odpowiada na moje maile ani telefony.", "Zgłaszałem sprawę już trzy razy i nadal brak odpowiedzi."],
            ["missed_appointment"] = ["Serwisant nie przyjechał w umówionym terminie, straciłem dzień urlopu.", "Technik odwołał wizytę w ostatniej chwili, już drugi raz."],
            ["installation_issue"] = ["Montaż wykonano nieprawidłowo – urządzenie stoi krzywo i przecieka.", "Ekipa montażowa uszkodziła ścianę i zostawiła bałagan."],
        },
        GenericProblem: ["Produkt ({p}) nie działa tak, jak powinien."],
        ErrorMessage: "Na wyświetlaczu pojawia się komunikat \"E{0}\".",
        Frequency: ["Dzieje się to codziennie.", "Na początku zdarzało się to rzadko, teraz prawie ciągle.", "Problem wraca co kilka dni.", "To już trzeci raz w tym miesiącu."],
        CaseDetails:
        [
            "Zdjęcia przesyłam w załączniku.",
            "To już drugie zgłoszenie w tej sprawie.",
            "Produkt był prezentem, więc sytuacja jest bardzo niezręczna.",
            "Infolinia poradziła mi, żebym \"poczekał kilka dni\", ale nic się nie zmieniło.",
            "Numer zamówienia podaję w formularzu, paragon mam w domu.",
        ],
        UsageDetails: ["Produkt był używany zgodnie z instrukcją.", "Problem pojawił się po {n} dniach użytkowania."],
        DeviceDetails: ["Próbowałem już resetu do ustawień fabrycznych, bez skutku.", "Sprawdziłam zasilanie i ustawienia – bez zmian."],
        Requests: new(StringComparer.Ordinal)
        {
            [DemoCodes.Expectation.Refund] = ["Proszę o zwrot pieniędzy.", "Oczekuję zwrotu pełnej kwoty na konto."],
            [DemoCodes.Expectation.Repair] = ["Proszę o naprawę w ramach gwarancji.", "Proszę o odbiór i naprawę produktu."],
            [DemoCodes.Expectation.Replacement] = ["Proszę o wymianę na nowy egzemplarz.", "Chcę wymiany na sprawny produkt, najlepiej w tym tygodniu."],
            [DemoCodes.Expectation.PriceReduction] = ["Zgodzę się zatrzymać produkt w zamian za obniżkę ceny.", "Proszę o obniżenie ceny, np. o 20%."],
        },
        Closings: ["Pozdrawiam", "Z poważaniem", "Dziękuję i pozdrawiam"],
        Praise: ["Szybko i sprawnie, dziękuję.", "Bardzo miła obsługa.", "Wszystko załatwione bez problemu."],
        Lukewarm: ["Mogło być szybciej.", "W porządku, ale ciężko było się dodzwonić."],
        Criticism: ["Trwało to zdecydowanie za długo.", "Nikt nie odpowiadał na maile, tragedia.", "Decyzja jest dla mnie niezrozumiała, \"procedury\" to nie wymówka."]);

    private static readonly Phrasebook English = new(
        Openings: ["Hello,", "Dear Sir or Madam,", "Hi,", "Good morning, I am writing about a complaint."],
        Problems: new(StringComparer.Ordinal)
        {
            ["does_not_turn_on"] = ["The {p} does not turn on at all, not even the power light.", "After plugging it in, the {p} does not respond to any button.", "My {p} stopped starting up after a few days."],
            ["noise"] = ["The {p} makes a loud, metallic rattle while running.", "There is a high-pitched whine that gets worse every day."],
            ["leaking"] = ["The {p} leaks; water collects underneath.", "I noticed a leak and everything around it is wet."],
            ["overheating"] = ["The {p} overheats and shuts down after about fifteen minutes.", "The casing gets very hot and there is a burning smell."],
            ["error_code"] = ["The {p} stops mid-cycle and shows an error code.", "The {p} keeps reporting an error; the manual does not explain it."],
            ["not_cooling"] = ["The fridge is not cooling; it is above 12 degrees inside.", "The {p} stopped cooling and food is going off."],
            ["cracked_housing"] = ["The housing cracked near the hinge although it was never dropped.", "A crack several centimetres long appeared on the casing."],
            ["battery_drain"] = ["The battery drains within a few hours, even when idle.", "The {p} lasts half a day at most on a full charge."],
            ["screen_defect"] = ["There are vertical lines and dead pixels on the screen.", "The screen flickers and a dark patch appeared in the corner."],
            ["connectivity"] = ["The {p} drops its Wi-Fi and Bluetooth connection every few minutes.", "The device will not pair with my phone."],
            ["software_error"] = ["Since the last update the software freezes and restarts.", "The manufacturer's app says \"Sync failed\" every time."],
            ["scratched_surface"] = ["The surface was scratched straight out of the box.", "There are deep scratches and chipped paint on the front."],
            ["missing_parts"] = ["Parts are missing from the box: screws, dowels and one shelf.", "Several parts listed in the manual are missing, so I cannot finish assembly."],
            ["wrong_size"] = ["The size does not match the description; it is clearly smaller.", "The dimensions differ from the website by several centimetres."],
            ["unstable_construction"] = ["The frame wobbles even though every screw is tight.", "One leg is shorter than the others, so the whole thing rocks."],
            ["fabric_damage"] = ["The fabric wore through after a few weeks and has holes.", "The material is pilling and losing its colour."],
            ["colour_mismatch"] = ["The colour is completely different from the shop photos.", "I ordered grey but received beige."],
            ["does_not_start"] = ["The {p} will not start despite fresh fuel and a new spark plug.", "The engine stalls right after starting."],
            ["rust"] = ["Rust appeared on the frame and bolts after one season.", "The metal parts are corroding even though it was kept under cover."],
            ["broken_part"] = ["One of the load-bearing parts snapped, so using it is unsafe.", "The handle broke off and the product is unusable."],
            ["seam_failure"] = ["The seams came apart on first use.", "The stitching split along the whole side."],
            ["sole_detached"] = ["The sole came off after two weeks of wear.", "The sole is peeling away from the upper on both shoes."],
            ["assembly_problem"] = ["The mounting holes do not line up and the instructions are unclear.", "It cannot be assembled as shown: the drawings do not match the parts."],
            ["late_delivery"] = ["The parcel was due in 3 days and I have been waiting over two weeks.", "The delivery date was moved several times without notice."],
            ["damaged_in_transit"] = ["The box was crushed and the product inside was damaged.", "The courier delivered a visibly damaged parcel; we filled in a damage report."],
            ["wrong_item"] = ["I received a different model from the one I ordered ({p}).", "The parcel contained a completely different product."],
            ["wrong_invoice"] = ["The invoice shows the wrong tax number and company name.", "The VAT amount on the invoice is wrong."],
            ["double_charge"] = ["My card was charged twice.", "I was billed twice for a single order."],
            ["price_mismatch"] = ["The receipt price is higher than the promotional price on the website.", "I was charged the pre-sale price."],
            ["no_response"] = ["Nobody has answered my e-mails or calls for a week.", "I have reported this three times and still have no reply."],
            ["missed_appointment"] = ["The technician did not turn up at the agreed time.", "The engineer cancelled the visit at the last minute, for the second time."],
            ["installation_issue"] = ["The installation was done badly: the unit is not level and it leaks.", "The fitters damaged the wall and left a mess."],
        },
        GenericProblem: ["The {p} does not work as it should."],
        ErrorMessage: "The display shows \"E{0}\".",
        Frequency: ["It happens every day.", "At first it was rare, now it is almost constant.", "The problem comes back every few days.", "This is the third time this month."],
        CaseDetails:
        [
            "Photos are attached.",
            "This is my second report about this.",
            "It was a gift, so this is rather embarrassing.",
            "The hotline told me to \"wait a few days\", but nothing changed.",
            "The order number is in the form, and I still have the receipt.",
        ],
        UsageDetails: ["It has been used exactly as the manual says.", "The problem started after {n} days of use."],
        DeviceDetails: ["I have already tried a factory reset, with no effect.", "I checked the power supply and the settings: no change."],
        Requests: new(StringComparer.Ordinal)
        {
            [DemoCodes.Expectation.Refund] = ["I would like a refund.", "Please refund the full amount to my account."],
            [DemoCodes.Expectation.Repair] = ["Please repair it under warranty.", "Please collect the product and repair it."],
            [DemoCodes.Expectation.Replacement] = ["Please replace it with a new one.", "I want a working replacement, ideally this week."],
            [DemoCodes.Expectation.PriceReduction] = ["I am willing to keep it in exchange for a price reduction.", "Please reduce the price, e.g. by 20%."],
        },
        Closings: ["Kind regards", "Thanks", "Best wishes"],
        Praise: ["Quick and smooth, thank you.", "Very friendly staff.", "Sorted out without any fuss."],
        Lukewarm: ["Could have been faster.", "Fine, but it was hard to get through on the phone."],
        Criticism: ["It took far too long.", "Nobody answered my e-mails, awful.", "I do not understand the decision; \"procedures\" are no excuse."]);
}
