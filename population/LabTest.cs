namespace Linkage.Population;

/// <summary>A laboratory test: JLAC10 code, unit and the ranges of healthy and of affected people.</summary>
internal sealed record LabTest(string Jlac10, string Unit, double Low, double High, double AffectedLow, double AffectedHigh, int Decimals)
{
    public static readonly LabTest HbA1c = new("3D046000001920402", "%", 4.9, 5.9, 6.4, 9.8, 1);
    public static readonly LabTest Glucose = new("3D010000001926101", "mg/dL", 72, 109, 120, 240, 0);
    public static readonly LabTest Ldl = new("3F077000002327101", "mg/dL", 70, 139, 140, 220, 0);
    public static readonly LabTest Creatinine = new("3C015000002327101", "mg/dL", 0.5, 1.0, 1.2, 3.2, 2);
    public static readonly LabTest Ast = new("3B035000002327201", "U/L", 12, 35, 36, 90, 0);
    public static readonly LabTest Alt = new("3B045000002327201", "U/L", 8, 40, 41, 110, 0);
    public static readonly LabTest Hemoglobin = new("2A030000001930101", "g/dL", 11.5, 16.5, 8.5, 11.4, 1);

    /// <summary>Tests a routine panel draws from, whatever the person's conditions.</summary>
    public static readonly LabTest[] RoutinePanel = [Ast, Alt, Hemoglobin, Glucose, Creatinine];

    public double Draw(Random random, bool affected) =>
        Math.Round(affected ? AffectedLow + random.NextDouble() * (AffectedHigh - AffectedLow) : Low + random.NextDouble() * (High - Low), Decimals);
}
