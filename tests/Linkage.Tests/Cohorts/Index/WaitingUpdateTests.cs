using System.Buffers;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>
/// The index checks an update when it takes it and encodes it only when its bytes are needed (a query, a merge, a
/// write): checking must refuse exactly what encoding refuses, and updates taken one after another unread must leave
/// what the last of each component says, on every read path.
/// </summary>
public sealed class WaitingUpdateTests
{
    private static PersonSummary Valid() =>
        Person([Receipt("2021-01-01", diagnoses: ["E11"], procedures: ["K67"], drugs: ["D1"]) with { Pref = "13", Facility = "1310000001" }, Lab("2021-02-01", "3D046A", 6.5)]);

    public static TheoryData<string, IndexUpdate> BrokenPeople
    {
        get
        {
            var valid = Valid();
            SummaryEvent receipt = valid.Events[0], lab = valid.Events[1];
            return new()
            {
                { "a null person", Component(1, valid, null!) },
                { "sex", Component(1, valid with { Sex = (Sex)9 }) },
                { "birth", Component(1, valid with { Birth = "1970-13" }) },
                { "pref", Component(1, valid with { Pref = "48" }) },
                { "a null event", Component(1, valid with { Events = [receipt, null!] }) },
                { "kind", Component(1, valid with { Events = [receipt, lab with { Kind = (EventKind)42 }] }) },
                { "date", Component(1, valid with { Events = [receipt, lab with { Date = Day("2022-01-01") }] }) },
                { "an event's pref", Component(1, valid with { Events = [receipt, lab with { Pref = "00" }] }) },
                { "a null diagnosis", Component(1, valid with { Events = [receipt with { Diagnoses = ["E11", null!] }, lab] }) },
                { "a null procedure", Component(1, valid with { Events = [receipt with { Procedures = [null!] }, lab] }) },
                { "a null drug", Component(1, valid with { Events = [receipt with { Drugs = ["D1", null!] }, lab] }) },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BrokenPeople))]
    public void Checking_refuses_what_encoding_refuses_with_the_same_message(string broken, IndexUpdate update)
    {
        var encoding = Assert.Throws<ArgumentException>(() => PersonEncoding.Encode(update));
        var checking = Assert.Throws<ArgumentException>(() => PersonEncoding.Check(update));
        Assert.Equal(encoding.Message, checking.Message);

        var index = new CohortIndex();
        Assert.Throws<ArgumentException>(() => index.Apply(update));
        Assert.True(index.People == 0 && index.UnsavedComponents == 0, $"{broken}: the refused update left something in the index");
    }

    [Fact]
    public void Checking_takes_every_person_encoding_takes()
    {
        var random = new Random(21);
        for (var u = 0; u < 200; u++)
        {
            var update = Component(u, RandomPeople.Make(random, random.Next(4)));
            PersonEncoding.Encode(update);
            PersonEncoding.Check(update);
        }
    }

    [Fact]
    public void Updates_taken_one_after_another_unread_leave_what_the_last_of_each_component_says()
    {
        var snapshot = new ArrayBufferWriter<byte>();
        var index = new CohortIndex();
        index.Apply([Component(1, Person([Diagnosis("2021-01-01", "E11")], sex: Sex.F)), Component(4, Person([Diagnosis("2021-01-01", "E11")], sex: Sex.M))]);
        index.WriteSnapshot(snapshot);

        // Nothing read between them: component 1 changes twice, 2 comes and goes, 3 comes, 4 (in the main segment) goes.
        index.Apply(Component(1, Person([Diagnosis("2021-01-01", "E11")], sex: Sex.M), Person([Diagnosis("2021-01-01", "I10")], sex: Sex.F)));
        index.Apply(Component(2, Person([Diagnosis("2021-01-01", "E11")], sex: Sex.F)));
        index.Apply([Component(1, Person([Diagnosis("2021-01-01", "E11")], sex: Sex.U)), Component(2), Component(3, Person([Diagnosis("2021-03-01", "E11")], sex: Sex.F))]);
        index.Apply(Component(4));

        Assert.Equal(2, index.People);
        Assert.Equal([1L, 3L], index.Components().Select(c => c.Value).Order());
        Assert.Equal(4, index.UnsavedComponents);

        var delta = new ArrayBufferWriter<byte>();
        index.WriteDelta(delta);
        Assert.Equal(0, index.UnsavedComponents);
        Assert.Equal(["F=1", "U=1"], index.Count(DiabeticsBySex).Cells());

        var loaded = CohortIndex.Load(snapshot.WrittenMemory, [delta.WrittenMemory]);
        Assert.Equal(["F=1", "U=1"], loaded.Count(DiabeticsBySex).Cells());
        Assert.Equal(2, loaded.People);
        Assert.Equal([1L, 3L], loaded.Components().Select(c => c.Value).Order());
    }

    [Fact]
    public void A_snapshot_written_with_updates_waiting_holds_them_and_leaves_nothing_for_the_next_delta()
    {
        var index = new CohortIndex();
        index.Apply(Component(1, Person([Diagnosis("2021-01-01", "E11")], sex: Sex.F)));
        index.Apply(Component(2));

        var snapshot = new ArrayBufferWriter<byte>();
        index.WriteSnapshot(snapshot);
        Assert.Equal(0, index.UnsavedComponents);

        var loaded = CohortIndex.Load(snapshot.WrittenMemory, []);
        Assert.Equal(["F=1"], loaded.Count(DiabeticsBySex).Cells());
        Assert.Equal([1L], loaded.Components().Select(c => c.Value));
    }

    [Fact]
    public void Waiting_updates_are_encoded_once_their_events_pass_the_bound_and_count_as_before()
    {
        // Each update a person of 512 events: the bound is passed after MaxWaitingEvents / 512 components, long before
        // the delta is due to be merged (which encodes it too).
        var events = Enumerable.Range(0, 512).Select(d => Diagnosis(DateOnly.FromDayNumber(Day("2020-01-01").DayNumber + d).ToString("yyyy-MM-dd"), "E11")).ToArray();
        var components = CohortIndex.MaxWaitingEvents / events.Length + 2;
        var index = new CohortIndex();
        for (var c = 0; c < components; c++)
        {
            index.Apply(Component(c, Person(events, sex: Sex.F)));
            Assert.True(index.WaitingComponents * events.Length <= CohortIndex.MaxWaitingEvents, $"{index.WaitingComponents} updates wait after {c + 1}");
        }

        Assert.True(index.WaitingComponents < components, "no update was encoded");

        // One component updated again and again keeps only its last update waiting, which is far below the bound.
        var again = new CohortIndex();
        for (var u = 0; u < 2 * components; u++)
        {
            again.Apply(Component(7, Person(events, sex: u % 2 == 0 ? Sex.M : Sex.F)));
            Assert.Equal(1, again.WaitingComponents);
        }

        Assert.Equal(["F=1"], again.Count(DiabeticsBySex).Cells());
        Assert.True(components < CohortIndex.MinDeltaPeople, "the delta was due to be merged");
        Assert.Equal([$"F={components}"], index.Count(DiabeticsBySex).Cells());
        Assert.Equal(0, index.WaitingComponents);
        Assert.Equal(components, index.UnsavedComponents);
    }

    [Fact]
    public void An_update_with_no_people_array_waits_as_a_component_gone()
    {
        var index = new CohortIndex();
        index.Apply(Component(5, Person([Diagnosis("2021-01-01", "E11")], sex: Sex.F)));
        index.Apply(new IndexUpdate { Component = new(5), People = default });

        Assert.Empty(index.Components());
        Assert.Equal(0, index.People);
        Assert.True(index.EstimatedBytes > 0);
        Assert.Equal(1, index.UnsavedComponents);
        Assert.Equal(0, index.Count(DiabeticsBySex).Total);
    }
}
