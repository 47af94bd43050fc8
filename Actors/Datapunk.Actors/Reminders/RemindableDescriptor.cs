namespace Datapunk.Actors.Runtime;

/// <summary>Hand-written equivalent of generated code for <see cref="IRemindable"/>, which lives in this assembly.</summary>
internal sealed class RemindableDescriptor : GrainInterfaceDescriptor
{
    public override Type InterfaceType => typeof(IRemindable);

    public override GrainReference CreateReference(GrainId grainId, IGrainCallInvoker invoker) =>
        throw new NotSupportedException("Reminders are delivered by the runtime; IRemindable has no proxy.");

    public override GrainRequest? CreateRequest(uint methodId) =>
        methodId == ReceiveReminderRequest.MethodInfo.Id ? new ReceiveReminderRequest() : null;
}

/// <summary>The request the reminder service delivers to a grain.</summary>
internal sealed class ReceiveReminderRequest : GrainRequest<Invocation.Void>
{
    public static readonly GrainMethod MethodInfo = new(typeof(IRemindable), nameof(IRemindable.ReceiveReminder), 0x5EE1_0001u, AlwaysInterleave: false);

    public string ReminderName { get; set; } = "";

    public TickStatus Status { get; set; }

    public override GrainMethod Method => MethodInfo;

    public override ValueTask<Invocation.Void> InvokeAsync(object grain) =>
        GrainInvocation.ToVoid(((IRemindable)grain).ReceiveReminder(ReminderName, Status));

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        GrainInvocation.WriteArgument(writer, ReminderName, options);
        GrainInvocation.WriteArgument(writer, Status, options);
    }

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        ReminderName = GrainInvocation.ReadArgument<string>(ref reader, options);
        Status = GrainInvocation.ReadArgument<TickStatus>(ref reader, options);
    }
}
