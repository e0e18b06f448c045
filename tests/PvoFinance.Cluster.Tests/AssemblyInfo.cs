// The two cluster collections (ClusterFixture, ApplicationClusterFixture) run one after the other: the group-commit
// test counts journal appends from the process-wide metrics, which the other collection's silos would add to.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
