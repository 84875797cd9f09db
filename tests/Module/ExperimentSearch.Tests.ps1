# Random search (-Search Random, -ParameterSpace, -Trials) and successive halving (-Search Halving), run here
# and as plans; the progress bar. The same searches over -Session are in Experiments.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $experimentId = 'NeuralNet.PowerShell.Commands.InvokeNetworkExperimentCommand'
    $resultId = 'NeuralNet.PowerShell.Commands.GetNetworkExperimentResultCommand'
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $space = @{ LearningRate = 'LogUniform(1e-3,1e-1)'; HiddenLayers = 3, 6, 12; L2 = 'Uniform(0,0.001)' }

    function Get-Comparable($Results) {
        $Results | Select-Object -ExcludeProperty Duration, Network | ConvertTo-Json -Depth 4 -Compress
    }

    function Invoke-AllTasks($Plan) {
        foreach ($task in 0..($Plan.Tasks - 1)) { $null = Invoke-NetworkExperiment -PlanPath $Plan.PlanPath -TaskIndex $task }
    }
}

Describe 'Invoke-NetworkExperiment -Search Random' {
    BeforeAll {
        $random = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 6 -ParameterSpace $space -Folds 3 -Epochs 10 -Seed 5
    }

    It 'draws -Trials configurations from the space, each cross-validated, numbered as drawn' {
        $random.Count | Should -Be 6
        $random.Configuration | Should -Be (1..6)
        foreach ($r in $random) {
            $r.LearningRate | Should -BeOfType double
            $r.LearningRate | Should -BeGreaterOrEqual 1e-3
            $r.LearningRate | Should -BeLessOrEqual 1e-1
            $r.L2 | Should -BeLessOrEqual 0.001
            $r.HiddenLayers | Should -BeIn 3, 6, 12
            $r.Scores.Count | Should -Be 3
            ($r.Budget, $r.BudgetResource) | Should -Be 10, 'Epochs'
            $r.Parameters | Should -Match '^-HiddenLayers \d+, -L2 [\d.E-]+, -LearningRate [\d.E-]+$'
        }
        @($random.LearningRate | Sort-Object -Unique).Count | Should -Be 6
    }

    It 'takes the space of the issue that asked for it: a log-uniform rate, a list of sizes and a uniform dropout' {
        $wide = @{ LearningRate = 'LogUniform(1e-4,1e-1)'; HiddenLayers = 8, 16, 32, 64; Dropout = 'Uniform(0,0.5)' }
        $drawn = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 40 -ParameterSpace $wide -Folds 2 -Epochs 2 -Seed 3
        $drawn.Count | Should -Be 40
        @($drawn | Where-Object Error) | Should -BeNullOrEmpty
        foreach ($r in $drawn) {
            $r.Dropout | Should -BeOfType double
            $r.Dropout | Should -BeGreaterOrEqual 0
            $r.Dropout | Should -BeLessOrEqual 0.5
            $r.LearningRate | Should -BeGreaterOrEqual 1e-4
            $r.LearningRate | Should -BeLessOrEqual 1e-1
            $r.HiddenLayers | Should -BeIn 8, 16, 32, 64
        }
        @($drawn.HiddenLayers | Sort-Object -Unique).Count | Should -Be 4
        # A draw is an ordinary configuration: the first one as a grid, with the same seed, scores the same.
        $first = $drawn[0]
        $byHand = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ LearningRate = $first.LearningRate; HiddenLayers = $first.HiddenLayers; Dropout = $first.Dropout } -Folds 2 -Epochs 2 -Seed 3
        ($byHand.Scores -join ',') | Should -Be ($first.Scores -join ',')
    }

    It 'draws the same configurations and scores from the same seed, whatever the throttle limit, and others from another seed' {
        $again = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 6 -ParameterSpace $space -Folds 3 -Epochs 10 -Seed 5 -ThrottleLimit 1
        Get-Comparable $again | Should -Be (Get-Comparable $random)
        $other = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 6 -ParameterSpace $space -Folds 3 -Epochs 1 -Seed 6
        ($other.Parameters -join ';') | Should -Not -Be ($random.Parameters -join ';')
    }

    It 'draws 10 configurations without -Trials, and a small space of lists only once each' {
        (Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -ParameterSpace @{ LearningRate = 'LogUniform(1e-3,1e-1)' } -Folds 2 -Epochs 1).Count | Should -Be 10
        $small = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 10 -ParameterSpace @{ HiddenLayers = 2, 3; Activation = 'ReLU', 'Tanh' } -Folds 2 -Epochs 1
        $small.Count | Should -Be 4
        @($small.Parameters | Sort-Object -Unique).Count | Should -Be 4
    }

    It 'runs as a plan with the same results' {
        $folder = Join-Path $TestDrive 'random'
        $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 6 -ParameterSpace $space -Folds 3 -Epochs 10 -Seed 5 -PlanPath $folder
        $plan.Search | Should -Be 'Random'
        $plan.Tasks | Should -Be 18
        Invoke-AllTasks $plan
        Get-Comparable (Get-NetworkExperimentResult -PlanPath $folder) | Should -Be (Get-Comparable $random)
    }

    It 'refuses <Case>, naming it' -ForEach @(
        @{ Case = 'a key that is no parameter'; Space = @{ LearnignRate = 'Uniform(0.1,0.2)' }; Id = 'InvalidParameterSpace'; Text = "'LearnignRate'" }
        @{ Case = 'a distribution it does not know'; Space = @{ LearningRate = 'Normal(0,1)' }; Id = 'InvalidParameterDistribution'; Text = "'Normal' is not a known distribution" }
        @{ Case = 'a continuous distribution for whole numbers'; Space = @{ BatchSize = 'Uniform(8,64)' }; Id = 'InvalidParameterDistribution'; Text = 'IntUniform' }
        @{ Case = 'bounds outside the option''s range'; Space = @{ L2 = 'Uniform(-1,1)' }; Id = 'InvalidParameterDistribution'; Text = 'must be at least 0' }
    ) {
        try { Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -ParameterSpace $Space -Trials 2 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$experimentId"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Space
        $err.Exception.Message | Should -Match ([regex]::Escape($Text))
    }

    It 'says which parameter to give when the search and its parameters do not match' {
        { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterSpace $space } | Should -Throw -ErrorId "SpaceNeedsSearch,$experimentId"
        { Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -ParameterGrid @{ HiddenLayers = 3 } } | Should -Throw -ErrorId "RandomNeedsSpace,$experimentId"
        { Invoke-NetworkExperiment -InputObject $rows -Target species } | Should -Throw -ErrorId "ParametersMissing,$experimentId"
        { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 3 } -Trials 4 } | Should -Throw -ErrorId "TrialsNeedSearch,$experimentId"
        { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 3 } -MinBudget 4 } | Should -Throw -ErrorId "MinBudgetNeedsHalving,$experimentId"
    }
}

Describe 'Invoke-NetworkExperiment -Search Halving' {
    BeforeAll {
        $halvingGrid = @{ HiddenLayers = 2, 3, 4, 6, 8, 12, 16, 24, 32 }
        $halving = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -ParameterGrid $halvingGrid -Folds 3 -Epochs 27 -Seed 2 -Refit
    }

    It 'runs every candidate on the small budget and the best third on three times more, rung by rung, each result carrying its rung and budget' {
        $halving.Count | Should -Be (9 + 3 + 1)
        ($halving | ForEach-Object { "$($_.Rung)@$($_.Budget)" } | Select-Object -Unique) | Should -Be '0@3', '1@9', '2@27'
        $halving.BudgetResource | Select-Object -Unique | Should -Be 'Epochs'
        foreach ($rung in 0, 1) {
            $these = @($halving | Where-Object Rung -eq $rung)
            $next = @($halving | Where-Object Rung -eq ($rung + 1))
            $best = $these | Sort-Object @{ e = 'MeanScore'; Descending = $true }, Configuration | Select-Object -First $next.Count
            ($next.Configuration | Sort-Object) | Should -Be ($best.Configuration | Sort-Object)
        }
        $halving | Where-Object Rung -eq 0 | ForEach-Object { $_.Scores.Count | Should -Be 3 }
    }

    It 'refits only the winner, the best of the last rung, on the last rung''s epochs' {
        @($halving | Where-Object Network).Count | Should -Be 1
        $winner = $halving | Where-Object Network
        $winner.Rung | Should -Be 2
        $winner.Network.EpochsTrained | Should -Be 27
        ($halving | Sort-Object Rung, MeanScore -Descending | Select-Object -First 1).Configuration | Should -Be $winner.Configuration
    }

    It 'gives the same results whatever the throttle limit' {
        $one = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -ParameterGrid $halvingGrid -Folds 3 -Epochs 27 -Seed 2 -ThrottleLimit 1
        Get-Comparable $one | Should -Be (Get-Comparable $halving)
    }

    It 'halves over rows with -HalvingResource Rows, and over random draws with -Trials' {
        $byRows = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -HalvingResource Rows -ParameterGrid @{ HiddenLayers = 2, 4, 8 } -Folds 3 -Epochs 15
        # 150 rows in 3 folds train on 100; 100 / 3 = 33 rows first (at least 2 × 3 folds × 3 classes = 18).
        ($byRows | ForEach-Object { "$($_.Rung)@$($_.Budget) $($_.BudgetResource)" } | Select-Object -Unique) | Should -Be '0@33 Rows', '1@99 Rows'
        $drawn = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -Trials 4 -ParameterSpace $space -Folds 2 -Epochs 8 -MinBudget 2 -HalvingFactor 2
        ($drawn | ForEach-Object { "$($_.Rung)@$($_.Budget)" } | Select-Object -Unique) | Should -Be '0@2', '1@4', '2@8'
    }

    It 'refuses a grid that varies the budget it halves' {
        try { Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -ParameterGrid @{ Epochs = 5, 10 } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "HalvingVariesBudget,$experimentId"
        $err.Exception.Message | Should -Match 'HalvingResource Rows'
    }

    Context 'as plans, one per rung' {
        BeforeAll {
            $folder = Join-Path $TestDrive 'halving'
            $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -ParameterGrid $halvingGrid -Folds 3 -Epochs 27 -Seed 2 -PlanPath $folder
        }

        It 'writes the first rung as a plan of its own, under the search''s folder' {
            $plan.PlanPath | Should -Be (Join-Path (Resolve-Path $folder).Path 'rung-0')
            ($plan.Rung, $plan.Budget, $plan.Configurations, $plan.Tasks) | Should -Be 0, 3, 9, 27
            Join-Path $folder 'plan.json' | Should -Exist
            Join-Path $folder 'rows.csv' | Should -Exist
            { Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 0 } | Should -Throw -ErrorId "HalvingPlanNeedsRung,$experimentId"
        }

        It 'plans the next rung only when the last one is complete, and gives the local results and winner' {
            Invoke-AllTasks $plan
            $null = Invoke-NetworkExperiment -PlanPath (Join-Path $folder 'rung-0') -TaskIndex 0
            Remove-Item (Join-Path $folder 'rung-0/results/26.json')
            try { Invoke-NetworkExperiment -PlanPath $folder -NextRung } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be "HalvingRungIncomplete,$experimentId"
            $err.Exception.Message | Should -Match 'tasks without results: 26'
            $null = Invoke-NetworkExperiment -PlanPath $plan.PlanPath -TaskIndex 26
            $null = Get-NetworkExperimentResult -PlanPath $folder -WarningVariable due -WarningAction SilentlyContinue
            "$due" | Should -Match 'NextRung'
            { Get-NetworkExperimentResult -PlanPath $folder -Refit -WarningAction SilentlyContinue } | Should -Throw -ErrorId "HalvingNotFinished,$resultId"
            $rungs = @($plan)
            while ($plan) {
                Invoke-AllTasks $plan
                $plan = Invoke-NetworkExperiment -PlanPath $folder -NextRung
                if ($plan) { $rungs += $plan }
            }
            $rungs.Budget | Should -Be 3, 9, 27
            $merged = Get-NetworkExperimentResult -PlanPath $folder -Refit
            Get-Comparable $merged | Should -Be (Get-Comparable $halving)
            $winner = $merged | Where-Object Network
            ($winner.Network.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be (($halving | Where-Object Network).Network.Weights | ConvertTo-Json -Depth 5 -Compress)
            Invoke-NetworkExperiment -PlanPath $folder -NextRung | Should -BeNullOrEmpty
        }

        It 'refuses -NextRung for a grid plan' {
            $grid = Join-Path $TestDrive 'grid'
            $null = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2 } -Folds 2 -Epochs 2 -PlanPath $grid
            { Invoke-NetworkExperiment -PlanPath $grid -NextRung } | Should -Throw -ErrorId "NotAHalvingPlan,$experimentId"
        }
    }
}

Describe 'The progress of an experiment' {
    It 'shows configurations done and the best mean score so far, rung by rung for halving' {
        $job = Start-ThreadJob -ArgumentList $env:NEURALNET_MODULE, $rows {
            param($module, $rows)
            Import-Module $module
            Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2, 4 } -Folds 3 -Epochs 5 -ThrottleLimit 1
            Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -ParameterGrid @{ HiddenLayers = 2, 4, 8 } -Folds 2 -Epochs 6 -ThrottleLimit 1
        }
        $null = $job | Wait-Job
        # Receive-Job empties every stream of the job, Progress included: read it first.
        $status = @($job.Progress | Where-Object RecordType -ne 'Completed' | ForEach-Object StatusDescription)
        $results = $job | Receive-Job -AutoRemoveJob -Wait
        $grid = $results | Select-Object -First 2
        $best = $grid | Sort-Object @{ e = 'MeanScore'; Descending = $true }, Configuration | Select-Object -First 1
        $status | Should -Contain ("2 configurations × 3 folds: 2 of 2 configurations done (6 of 6 runs); best mean Accuracy so far {0} (configuration {1}); last: configuration 2, fold 3" -f $best.MeanScore.ToString('G4', [cultureinfo]::InvariantCulture), $best.Configuration)
        $status | Should -Contain '2 configurations × 3 folds: 0 of 2 configurations done (1 of 6 runs); no configuration scored yet; last: configuration 1, fold 1'
        @($status | Where-Object { $_ -like 'rung 1 of 2: 3 configurations × 2 folds on 2 epochs: *' }).Count | Should -Be 6
        @($status | Where-Object { $_ -like 'rung 2 of 2: 1 configuration × 2 folds on 6 epochs: *' }).Count | Should -Be 2
    }
}
