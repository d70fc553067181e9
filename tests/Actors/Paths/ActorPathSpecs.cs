using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Paths;

public class ActorPathSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Theory]
    [InlineData("troupe://sys/user/a", "troupe://sys", "/user/a", 0L)]
    [InlineData("troupe://sys@10.0.0.7:2552/user/a/b#42", "troupe://sys@10.0.0.7:2552", "/user/a/b", 42L)]
    [InlineData("troupe://sys@[::1]:2552/system/x", "troupe://sys@[::1]:2552", "/system/x", 0L)]
    public void Path_must_parse_and_format(string text, string address, string elements, long uid)
    {
        var path = ActorPath.Parse(text);
        path.Address.ToString().Should().Be(address);
        path.ToStringWithoutAddress().Should().Be(elements);
        path.Uid.Should().Be(uid);
        path.ToSerializationFormat().Should().Be(text);
    }

    [Theory]
    [InlineData("sys/user/a")]
    [InlineData("troupe://")]
    [InlineData("troupe://sys@host/user")]
    [InlineData("troupe://sys/user/a b")]
    [InlineData("troupe://sys/user/a#x")]
    public void Path_must_reject_malformed_text(string text)
    {
        ActorPath.TryParse(text, out _).Should().BeFalse();
        FluentActions.Invoking(() => ActorPath.Parse(text)).Should().Throw<FormatException>().WithMessage($"*got '{text}'*");
    }

    [Fact]
    public void Path_equality_must_ignore_the_uid_and_ref_equality_must_not()
    {
        var a = ActorPath.Parse("troupe://sys/user/a#1");
        var b = ActorPath.Parse("troupe://sys/user/a#2");
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (ActorPath.Root(Address.Local("sys")) / "user" / "a").Should().Be(a);
        ActorPath.Parse("troupe://sys@h:1/user/a").Should().NotBe(a);

        var first = ActorOf(Props.Create<EchoActor>(), "same");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        IActorRef second = Nobody.Instance;
        AwaitAssert(() => second = ActorOf(Props.Create<EchoActor>(), "same"));
        second.Should().NotBe(first);
        second.Path.Should().Be(first.Path);
        var resolvedOld = Sys.Provider.ResolveActorRef(first.Path.ToSerializationFormat());
        resolvedOld.Should().NotBe(second);
        ((IInternalActorRef)resolvedOld).IsTerminated.Should().BeTrue("the old incarnation is dead");
        Sys.Provider.ResolveActorRef(second.Path.ToSerializationFormat()).Should().BeSameAs(second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("a/b")]
    [InlineData("with space")]
    public void ActorOf_must_reject_invalid_names(string name)
    {
        FluentActions.Invoking(() => ActorOf(Props.Create<EchoActor>(), name)).Should().Throw<InvalidActorNameException>()
            .WithMessage($"*got '{name}'*");
    }

    [Fact]
    public void ActorOf_must_reject_a_taken_name()
    {
        ActorOf(Props.Create<EchoActor>(), "taken");
        FluentActions.Invoking(() => ActorOf(Props.Create<EchoActor>(), "taken")).Should().Throw<InvalidActorNameException>()
            .WithMessage("*'taken', which is taken*");
    }

    [Fact]
    public void Actor_must_not_be_constructed_outside_the_runtime()
    {
        FluentActions.Invoking(() => new EchoActor()).Should().Throw<IllegalActorStateException>().WithMessage("*ActorOf*");
    }

    [Fact]
    public void Props_must_validate_constructor_arguments()
    {
        FluentActions.Invoking(() => Props.Create<LifecycleActor>("not a ref")).Should().Throw<ArgumentException>()
            .WithMessage("*constructor taking (String)*");
        Props.Create<LifecycleActor>(TestActor).Type.Should().Be<LifecycleActor>();
    }

    [Fact]
    public void Selection_must_deliver_by_absolute_relative_and_wildcard_paths()
    {
        var parent = ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)), "parent");
        parent.CreateChild(Props.Create<EchoActor>(), "a1");
        parent.CreateChild(Props.Create<EchoActor>(), "a2");
        parent.CreateChild(Props.Create<EchoActor>(), "b1");

        Sys.ActorSelection("/user/parent/a1").Tell("abs");
        ExpectMsg("abs");
        Sys.ActorSelection("troupe://test/user/parent/b1").Tell("full");
        ExpectMsg("full");
        Sys.ActorSelection("/user/parent/a*").Tell("wild");
        ReceiveN(2).Should().Equal("wild", "wild");
        Sys.ActorSelection("/user/parent/a1/../b?").Tell("up");
        ExpectMsg("up");
        LastSender.Path.Name.Should().Be("b1");
    }

    [Fact]
    public async Task Selection_must_resolve_one_or_fail_with_ActorNotFoundException()
    {
        var echo = ActorOf(Props.Create<EchoActor>(), "findme");
        (await Sys.ActorSelection("/user/findme").ResolveOne(Dilated(TimeSpan.FromSeconds(5)))).Should().Be(echo);
        await FluentActions.Awaiting(() => Sys.ActorSelection("/user/missing").ResolveOne(Dilated(TimeSpan.FromSeconds(5))))
            .Should().ThrowAsync<ActorNotFoundException>();
    }

    [Fact]
    public void Identify_must_answer_with_the_ref()
    {
        var echo = ActorOf(Props.Create<EchoActor>());
        echo.Tell(new Identify(7));
        ExpectMsg(new ActorIdentity(7, echo));
        Sys.DeadLetters.Tell(new Identify(8));
        ExpectMsg<ActorIdentity>().Subject.Should().BeNull();
    }

    [Fact]
    public void Context_children_must_list_live_children_and_Child_must_return_Nobody_for_missing()
    {
        var parent = ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)), "family");
        var kid = parent.CreateChild(Props.Create<EchoActor>(), "kid");
        ((LocalActorRef)parent).Cell.Children.Should().Equal(kid);
        ((LocalActorRef)parent).Cell.Child("kid").Should().Be(kid);
        ((LocalActorRef)parent).Cell.Child("none").Should().BeSameAs(Nobody.Instance);
    }
}
