namespace Linkage.Partitions;

/// <summary>
/// Makes references to the integer-keyed grains of one interface, resolving the interface's grain type once: the
/// engine makes one per component it routes to, and <see cref="IGrainFactory.GetGrain{T}(long, string)"/> looks the
/// interface's attributes up on every call.
/// </summary>
/// <typeparam name="TGrain">The grain interface.</typeparam>
public sealed class IntegerKeyGrainFactory<TGrain>
    where TGrain : IGrainWithIntegerKey
{
    private readonly IGrainFactory _grains;
    private readonly GrainType _type;
    private readonly GrainInterfaceType _interface;

    public IntegerKeyGrainFactory(IGrainFactory grains)
    {
        _grains = grains;
        var sample = (GrainReference)(object)grains.GetGrain<TGrain>(0);
        (_type, _interface) = (sample.GrainId.Type, sample.InterfaceType);
    }

    public TGrain Get(long key) => (TGrain)_grains.GetGrain(GrainId.Create(_type, GrainIdKeyExtensions.CreateIntegerKey(key)), _interface);
}
