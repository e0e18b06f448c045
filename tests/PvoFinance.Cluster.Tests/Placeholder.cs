namespace PvoFinance.Cluster.Tests; public class Placeholder { [Fact] public void Builds() => Assert.Equal(2, 1 + 1); }
