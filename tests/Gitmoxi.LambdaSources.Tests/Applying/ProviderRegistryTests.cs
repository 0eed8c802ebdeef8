using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Tests.Applying;

/// <summary>The closed set of operations: each one travels in the plan file and has exactly one provider to apply it.</summary>
[TestClass]
public sealed class ProviderRegistryTests
{
    private static readonly Type[] Operations =
        [.. typeof(ChangeOperation).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ChangeOperation)) && !t.IsAbstract)];

    [TestMethod]
    public void Every_operation_is_a_derived_type_of_the_plan_file_with_its_own_discriminator()
    {
        var derived = typeof(ChangeOperation).GetCustomAttributes<JsonDerivedTypeAttribute>().ToList();

        CollectionAssert.AreEquivalent(Operations, derived.Select(d => d.DerivedType).ToArray());
        Assert.HasCount(derived.Count, derived.Select(d => d.TypeDiscriminator).Distinct());
        Assert.IsTrue(Operations.All(t => t.IsSealed), "operations are sealed records");
    }

    [TestMethod]
    public void Every_operation_is_applied_by_exactly_one_registered_provider()
    {
        foreach (var type in Operations)
        {
            // Providers dispatch on the type alone, so an instance without values is enough to ask.
            var operation = (ChangeOperation)RuntimeHelpers.GetUninitializedObject(type);

            Assert.HasCount(1, ProviderRegistry.Appliers.Where(p => p.Handles(operation)), type.Name);
        }
    }
}
