using System.Text;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Population;

/// <summary>
/// Generates events-v1 feeds of a synthetic Japanese population, 2018-2025, with the truth of who each record is
/// about; the same (people, seed) always gives the same lines.
/// </summary>
/// <remarks>
/// What it models:
/// <list type="bullet">
/// <item>people shaped like Japan (age pyramid, prefectures by population), katakana names from small weighted pools
/// by generation, plus namesakes (see <see cref="PopulationOptions.NamesakeRate"/>), so id2 collisions occur;</item>
/// <item>a lifelong medical ID (mid) for a share of people only (<see cref="PopulationOptions.MidShare"/>);</item>
/// <item>insurance enrolments per scheme with real-looking insurer numbers, changing on a first job, job changes,
/// retirement, marriage and the 75th birthday; changes mostly on the 1st of a month, some mid-month;</item>
/// <item>marriages that change the surname (mostly women's), so a person's id2 changes;</item>
/// <item>deaths, children born in the window with their mothers (maternal handbook records);</item>
/// <item>records per <see cref="CareHistory"/> with the tokens each feed really carries, and feed defects per
/// <see cref="RecordStream"/>; arrival order shuffled across all feeds.</item>
/// </list>
/// Everything is made from raw identities with <see cref="LinkageTokenizer"/>, so tokens are the real keyed hashes.
/// Work is split per person with a random stream of its own, so the result does not depend on thread timing.
/// </remarks>
public static class PopulationGenerator
{
    private const int LifeStream = 1;
    private const int CareStream = 2;

    /// <summary>Generates the population in memory (about 1 GiB for 100,000 people).</summary>
    public static GeneratedPopulation Generate(PopulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var tokenizer = new LinkageTokenizer(options.Secret);
        var insurers = new InsurerCatalog();
        var master = new Xoshiro256Random((ulong)(uint)options.Seed);

        var people = Sketch(options, master, tokenizer);
        Parallel.ForEach(people.Where(p => !p.IsBornInWindow), person =>
            LifeCourse.Live(person, PersonRandom(options, person, LifeStream), tokenizer, insurers));
        AssignMothers(people, master);
        Parallel.ForEach(people.Where(p => p.IsBornInWindow), person =>
            LifeCourse.Live(person, PersonRandom(options, person, LifeStream), tokenizer, insurers));

        var idKey = RecordIds.KeyOf(options.Seed);
        var streams = new RecordStream[people.Length];
        Parallel.For(0, people.Length, i =>
        {
            var random = PersonRandom(options, people[i], CareStream);
            var stream = new RecordStream(people[i], random, options, idKey);
            CareHistory.Write(people[i], people, CareTraits.Draw(people[i], random), random, stream, options.ActivityScale);
            streams[i] = stream;
        });

        var all = new GeneratedLine[streams.Sum(s => s.Lines.Count)];
        var truth = new Dictionary<RecordKey, int>(streams.Sum(s => s.Keys.Count));
        var at = 0;
        foreach (var stream in streams)
        {
            stream.Lines.CopyTo(all, at);
            at += stream.Lines.Count;
        }

        for (var i = 0; i < streams.Length; i++)
        {
            foreach (var key in streams[i].Keys) truth.Add(key, people[i].Number);
            streams[i] = null!;
        }

        master.Shuffle(all);
        return new GeneratedPopulation(options, all, truth);
    }

    /// <summary>
    /// Writes one <c>&lt;source&gt;.ndjson</c> per feed (lines in arrival order, <c>\n</c> line ends, UTF-8) and
    /// <c>truth.csv</c> (<c>source,recordId,person</c>, sorted by record) into <paramref name="outDirectory"/>.
    /// </summary>
    public static async Task WriteAsync(PopulationOptions options, string outDirectory, CancellationToken ct = default)
    {
        var population = Generate(options);
        Directory.CreateDirectory(outDirectory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (source, lines) in population.LineIndexesBySource())
        {
            await using var file = File.Create(Path.Combine(outDirectory, source + ".ndjson"));
            foreach (var line in lines)
            {
                await file.WriteAsync(population.Utf8Line(line), ct);
                file.WriteByte((byte)'\n');
            }
        }

        await using var truth = new StreamWriter(Path.Combine(outDirectory, "truth.csv"), append: false, utf8) { NewLine = "\n" };
        await truth.WriteLineAsync("source,recordId,person");
        foreach (var (key, person) in population.Truth.OrderBy(t => t.Key))
        {
            ct.ThrowIfCancellationRequested();
            await truth.WriteLineAsync($"{key.Source},{key.RecordId},{person}");
        }
    }

    /// <summary>Who everyone is before anything happens to them: sex, birth, prefecture, name, medical ID.</summary>
    private static SyntheticPerson[] Sketch(PopulationOptions options, Random random, LinkageTokenizer tokenizer)
    {
        var people = new SyntheticPerson[options.People];
        for (var i = 0; i < people.Length; i++)
        {
            var sex = random.NextDouble() < 0.51 ? Sex.F : Sex.M;
            var birth = AgePyramid.DrawBirthDate(random);
            var pref = Prefectures.ByPopulation.Draw(random);
            var surname = KanaNames.Surnames.Draw(random);
            var givenName = KanaNames.GivenName(random, sex, birth.Year);
            var hasMid = random.NextDouble() < options.MidShare;
            if (i > 0 && random.NextDouble() < options.NamesakeRate && birth < PopulationWindow.Start)
            {
                var model = people[random.Next(i)];
                if (!model.IsBornInWindow) (sex, birth, surname, givenName) = (model.Sex, model.BirthDate, model.Surname, model.GivenName);
            }

            people[i] = new SyntheticPerson(i, sex, birth, pref, surname, givenName)
            {
                Mid = hasMid ? tokenizer.Mid($"MID-{options.Seed:X8}-{i:D10}") : null,
            };
        }

        return people;
    }

    /// <summary>Gives each child born in the window a mother aged 20-44, alive, and not giving birth within 300 days.</summary>
    private static void AssignMothers(SyntheticPerson[] people, Random random)
    {
        var women = people
            .Where(p => p.Sex == Sex.F && !p.IsBornInWindow && p.BirthDate.Year >= 1970)
            .OrderBy(p => p.BirthDate).ThenBy(p => p.Number)
            .ToArray();
        var births = women.Select(w => w.BirthDate).ToArray();
        foreach (var child in people.Where(p => p.IsBornInWindow))
        {
            var lo = LowerBound(births, child.BirthDate.AddYears(-44));
            var hi = LowerBound(births, child.BirthDate.AddYears(-20));
            for (var attempt = 0; attempt < 8 && hi > lo; attempt++)
            {
                var mother = women[random.Next(lo, hi)];
                if (mother.Death < child.BirthDate) continue;
                if (mother.Children.Any(c => Math.Abs(people[c].BirthDate.DayNumber - child.BirthDate.DayNumber) < 300)) continue;
                mother.Children.Add(child.Number);
                child.Mother = mother.Number;
                child.Surname = mother.NameOn(child.BirthDate).Surname;
                child.Pref = mother.Pref;
                break;
            }
        }
    }

    private static int LowerBound(DateOnly[] sorted, DateOnly value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0) return ~index;
        while (index > 0 && sorted[index - 1] == value) index--;
        return index;
    }

    private static Random PersonRandom(PopulationOptions options, SyntheticPerson person, int stream) =>
        new Xoshiro256Random(RecordIds.SeedOf(options.Seed, person.Number, stream));
}
