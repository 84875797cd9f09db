# The code the module documents runs as written (issue 15): every ```powershell block of README.md,
# the examples of the about_* topics and the examples of every cmdlet's Get-Help, each document in a
# fresh PowerShell and a fresh folder, against the data files the text names. Blocks that build on
# earlier ones run in order in one scope; what an earlier part of the document would have defined
# comes from the preambles below, shown with any failure. A README block marked
# <!-- parse-only: reason --> (it needs other machines) is parsed, not run. Every -Parameter of every
# block, and every -Parameter the README's prose names, must exist. The output a README block shows
# must be plausibly what it prints: the same table columns, list labels and words.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'DocumentedCode.ps1')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $readme = @(Get-MarkdownBlock (Join-Path $root 'README.md') | Where-Object Language -EQ 'powershell')
    $about = @(Get-ChildItem (Join-Path $root 'module/en-US') -Filter 'about_*.help.txt' | ForEach-Object { Get-AboutExample $_.FullName })
    $help = @((Get-Module NeuralNet).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { Get-HelpExample $_ })
    function ConvertTo-Case($block) {
        $where = if ($block.Line) { "line $($block.Line)" } else { "block $($block.Index)" }
        @{ Block = $block; Name = "$($block.Document) › $($block.Section) ($where)" }
    }
    $readmeCases = @($readme | ForEach-Object { ConvertTo-Case $_ })
    $aboutCases = @($about | ForEach-Object { ConvertTo-Case $_ })
    $helpCases = @($help | ForEach-Object { ConvertTo-Case $_ })
    $shownCases = @($readmeCases | Where-Object { $_.Block.Output -and $_.Block.Marker -notmatch '^parse-only' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'DocumentedCode.ps1')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $moduleFolder = Split-Path (Split-Path $script:ModulePath)      # out/, which holds NeuralNet/

    # ---- What the documents' earlier parts would have defined ------------------------------------
    # Snippets the preambles are made of. Each says where its variables come from in the text.
    $snippets = @{
        # The Quick start's variables, as it defines them; `. Use-QuickStart` brings them back.
        QuickStartFunction = @'
function Use-QuickStart {
    $rows  = Import-Csv ./examples/data/iris.csv
    $train = for ($i = 0; $i -lt $rows.Count; $i++) { if ($i % 5) { $rows[$i] } }
    $test  = for ($i = 0; $i -lt $rows.Count; $i += 5) { $rows[$i] }
    $net   = New-NeuralNetwork -HiddenLayers 8 -Seed 1
    $train | Invoke-NetworkTraining -Network $net -Target species -Epochs 500 | Out-Null
}
'@
        # The tutorial's numbers (examples/data/tutorial.json): numpy's starting weights and the four rows.
        Tutorial = @'
$reference = Get-Content ./examples/data/tutorial.json -Raw | ConvertFrom-Json
$wij = [double[][]]@($reference.initialWij); $wjk = [double[][]]@($reference.initialWjk)
$X = [double[][]]@($reference.X); $Y = [double[][]]@($reference.y | ForEach-Object { , [double[]]@($_) })
$tutorial = New-NeuralNetwork -LayerSizes 3, 4, 1 -Activation Sigmoid -NoBias -InitialWeights $wij, $wjk
'@
        # Digits (examples/data/digits.csv), every 4th row held out, as the README's section 5 says.
        Digits = @'
$digits = Import-Csv ./examples/data/digits.csv
$train = for ($i = 0; $i -lt $digits.Count; $i++) { if ($i % 4) { $digits[$i] } }
$test  = for ($i = 0; $i -lt $digits.Count; $i += 4) { $digits[$i] }
'@
        # "$rows ... -Target y" and "$n": any labelled rows with a numeric y, and a network for them.
        YRows = @'
$numbers = foreach ($i in 0..239) { $a = [math]::Sin($i); $b = [math]::Cos(3 * $i); [pscustomobject]@{ x1 = $a; x2 = $b; y = $a - 2 * $b } }
$rows = $numbers[0..199]; $holdout = $numbers[200..239]
$n = New-NeuralNetwork -HiddenLayers 8 -Seed 1
'@
        # The iris rows and a trained iris network, as the help examples name them, and the iris
        # files they read (./iris.csv; ./test.csv every 5th row; ./new.csv without species).
        Iris = @'
Import-Csv ./examples/data/iris.csv | Export-Csv ./iris.csv
$rows = Import-Csv ./iris.csv
$test = for ($i = 0; $i -lt $rows.Count; $i += 5) { $rows[$i] }
$test | Export-Csv ./test.csv
$test | Select-Object sepal_length, sepal_width, petal_length, petal_width | Export-Csv ./new.csv
$net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
$rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 30 | Out-Null
'@
        Sweep = '$plan = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2, 3; LearningRate = 0.01, 0.03 } -Folds 2 -Epochs 5 -Seed 1 -PlanPath ./sweep'
        # A few hundred digits rows for the help examples that train on $train.
        SomeDigits = '$train = Import-Csv ./examples/data/digits.csv | Select-Object -First 400'
        Models = @'
New-Item -ItemType Directory ./models -Force | Out-Null
$net | Export-NeuralNetwork -Path ./models/iris.json
$net | Copy-NeuralNetwork | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 10 | Export-NeuralNetwork -Path ./models/iris-more.json
'@
    }

    # README.md, keyed by section; run in order in one scope.
    $readmePreambles = @{
        'Quick start' = $snippets.QuickStartFunction
        '1. The tutorial, reproduced' = $snippets.Tutorial
        # The files section 2 reads: the Quick start's rows, and its network as $net.
        '2. Iris from CSV' = @'
. Use-QuickStart
$train | Export-Csv ./train.csv; $test | Export-Csv ./test.csv
$test | Select-Object sepal_length, sepal_width, petal_length, petal_width | Export-Csv ./new.csv -Delimiter ';'
'@
        '4. Evaluation' = '. Use-QuickStart'
        '5. Training options' = $snippets.Digits + "`n" + $snippets.YRows
        '6. Gradients' = $snippets.Tutorial
        # The job imports the module by name: the test put out/ on $env:PSModulePath, as "copy the
        # folder into a directory of $env:PSModulePath" says. $csv is any CSV of iris rows.
        '7. Saving, loading, jobs and copies' = ". Use-QuickStart`n" + '$rows = $train' + "`n" + $snippets.Models + "`n" + '$csv = (Resolve-Path ./examples/data/iris.csv).Path'
        # As examples/06-pictures.ps1 trains it: 200 epochs, a fifth of the rows held out.
        '9. Pictures' = @'
$net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
Import-Csv ./examples/data/iris.csv | Invoke-NetworkTraining -Network $net -Target species -Epochs 200 -ValidationSplit 0.2 | Out-Null
'@
    }

    # about_* topics, keyed by topic and section; a topic's blocks run in order in one scope.
    $aboutPreambles = @{
        'about_NeuralNet|THE TUTORIAL' = "Import-Module NeuralNet`n" + $snippets.Tutorial
        'about_NeuralNet|EXAMPLES' = 'Import-Csv ./examples/data/iris.csv | Export-Csv ./iris.csv'
        'about_NeuralNet_Training|EXAMPLES' = "Import-Module NeuralNet`n" + $snippets.Digits + "`n" + $snippets.YRows + "`n" + '$net = New-NeuralNetwork -HiddenLayers 64 -Seed 0'
    }

    # Get-Help examples: each example on its own (a fresh folder and scope), after the Iris snippet
    # and what its cmdlet's (or the example's own) entry adds.
    $helpPreambles = @{
        'Export-NetworkDiagram' = $snippets.Tutorial
        'Get-NetworkGradient' = $snippets.Tutorial
        'Get-NetworkPrediction' = $snippets.Tutorial
        'Import-NeuralNetwork' = '$net | Export-NeuralNetwork -Path ./iris.json' + "`n" + $snippets.Models
        'Export-NeuralNetwork' = 'New-Item -ItemType Directory ./models | Out-Null'
        # Example 3 reads ./train.csv with a numeric target 'price': a small made-up table of houses.
        'Invoke-NetworkExperiment' = @'
$houses = foreach ($i in 1..120) { $area = 40 + ($i * 37) % 160; $rooms = 1 + $i % 5; [pscustomobject]@{ area = $area; rooms = $rooms; price = 1500 * $area + 9000 * $rooms } }
$houses | Export-Csv ./train.csv
'@
        'Invoke-NetworkTraining|Example 2' = $snippets.SomeDigits + "`n" + '$net = New-NeuralNetwork -HiddenLayers 64 -Seed 0'
        # ./big.csv: a file with a numeric target y.
        'Invoke-NetworkTraining|Example 3' = $snippets.YRows + "`n" + '$numbers | Export-Csv ./big.csv'
        'Invoke-NetworkTraining|Example 4' = $snippets.Tutorial + "`n" + '$net = $tutorial'
        # Examples 5 and 6: a network for the numeric y of $rows, trained with checkpoints; example 6
        # resumes from ./run.json, as a run stopped at epoch 50 leaves it.
        'Invoke-NetworkTraining|Example 5' = $snippets.YRows + "`n" + '$net = New-NeuralNetwork -HiddenLayers 8 -Seed 1'
        'Invoke-NetworkTraining|Example 6' = $snippets.YRows + "`n" + '$net = New-NeuralNetwork -HiddenLayers 8 -Seed 1' + "`n" + '$rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 50 -CheckpointPath ./run.json -CheckpointEvery 10 | Out-Null'
        # ./big.csv: iris rows to score; ./test.csv with a weight column w.
        'Get-NetworkPrediction|Example 3' = '$rows | Select-Object sepal_length, sepal_width, petal_length, petal_width | Export-Csv ./big.csv'
        'Test-NeuralNetwork|Example 3' = '$test | Select-Object *, @{ n = ''w''; e = { if ($_.species -eq ''virginica'') { 3 } else { 1 } } } | Export-Csv ./test.csv'
        # $importance: example 1's output, for the iris network.
        'Export-NetworkFeatureImportance|Example 2' = '$importance = Get-NetworkFeatureImportance -Network $net -InputObject $rows -Seed 1'
        # A plan of 4 configurations × 2 folds (tasks 0-7) in ./sweep, as Invoke-NetworkExperiment -PlanPath
        # writes it; for Get-NetworkExperimentResult its tasks have run, as a finished array leaves them.
        'Get-NetworkExperimentResult' = $snippets.Sweep + "`n" + 'Invoke-NetworkExperiment -PlanPath ./sweep -TaskIndex (0..7) | Out-Null'
        'Invoke-NetworkExperiment|Example 8' = $snippets.Sweep
        # ./digits.csv and ./big.csv with the class in a column 'label': digits rows (300 and 1000 of them).
        'Invoke-NetworkExperiment|Example 5' = 'Import-Csv ./examples/data/digits.csv | Select-Object -First 300 | Select-Object *, @{ n = ''label''; e = { $_.digit } } -ExcludeProperty digit | Export-Csv ./digits.csv'
        'Invoke-NetworkExperiment|Example 6' = 'Import-Csv ./examples/data/digits.csv | Select-Object -First 1000 | Select-Object *, @{ n = ''label''; e = { $_.digit } } -ExcludeProperty digit | Export-Csv ./big.csv'
        'New-NeuralNetwork|Example 2' = $snippets.Tutorial
        # Wide inputs for a single-precision network: 64 numbers, three classes one-hot.
        'New-NeuralNetwork|Example 3' = @'
$x = [double[][]]@(foreach ($i in 0..299) { , [double[]]@(foreach ($j in 0..63) { [math]::Sin($i * 0.37 + $j) }) })
$y = [double[][]]@(foreach ($i in 0..299) { $c = $i % 3; , [double[]]@(foreach ($k in 0..2) { [double]($k -eq $c) }) })
'@
        'Test-NetworkGradient|Example 1' = $snippets.SomeDigits + "`n" + '$net = New-NeuralNetwork -HiddenLayers 64 -Seed 0'
        'Test-NetworkGradient|Example 2' = $snippets.Tutorial
        'Test-NeuralNetwork' = '$regressor = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $rows | Invoke-NetworkTraining -Network $regressor -Target petal_width -Epochs 50 | Out-Null'
    }
    # Get-Help examples that need other machines (their text is not ours to mark): parsed, not run.
    $helpParseOnly = @{
        'Invoke-NetworkExperiment|Example 2' = 'needs remote hosts (New-PSSession -HostName node1, node2)'
        'Invoke-NetworkExperiment|Example 7' = 'needs a Slurm cluster (sbatch) and a folder /shared every node mounts'
        'Invoke-NetworkExperiment|Example 9' = 'runs inside an element of a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_CPUS_PER_TASK)'
        'Invoke-NetworkExperiment|Example 10' = 'needs a Slurm cluster (sbatch)'
    }

    function New-DocumentFolder([string] $name) {
        $folder = Join-Path $TestDrive $name
        New-Item -ItemType Directory (Join-Path $folder 'examples/data') -Force | Out-Null
        Copy-Item (Join-Path $script:DataFolder '*') (Join-Path $folder 'examples/data')
        # ./out/NeuralNet/NeuralNet.psd1, as the Quick start imports it from a clone that was built.
        New-Item -ItemType ($IsWindows ? 'Junction' : 'SymbolicLink') -Path (Join-Path $folder 'out') -Target $moduleFolder | Out-Null
        $folder
    }

    function Get-BlockId($block) { "$($block.Document)|$($block.Section)|$($block.Index)" }

    # README: one context, every block in order. About topics: one context each. Help: one per example.
    $preambleOf = @{}
    $contexts = [System.Collections.Generic.List[object]]::new()
    $readmeBlocks = @(Get-MarkdownBlock (Join-Path $root 'README.md') | Where-Object Language -EQ 'powershell')
    $folder = New-DocumentFolder 'readme'
    $seen = @{}
    $blocks = foreach ($block in $readmeBlocks) {
        $preamble = if (-not $seen[$block.Section]) { $readmePreambles[$block.Section] }
        $seen[$block.Section] = $true
        $preambleOf[(Get-BlockId $block)] = $preamble
        if ($block.Marker -match '^parse-only') { continue }
        @{ Id = Get-BlockId $block; Preamble = $preamble; Code = $block.Code }
    }
    $readmePlan = @(@{ Name = 'README.md'; Folder = $folder; Blocks = @($blocks) })

    $aboutPlan = foreach ($topic in Get-ChildItem (Join-Path $root 'module/en-US') -Filter 'about_*.help.txt') {
        $folder = New-DocumentFolder $topic.BaseName
        $blocks = foreach ($block in Get-AboutExample $topic.FullName) {
            $preamble = $aboutPreambles["$($block.Document)|$($block.Section)"]
            $preambleOf[(Get-BlockId $block)] = $preamble
            @{ Id = Get-BlockId $block; Preamble = $preamble; Code = $block.Code }
        }
        @{ Name = $topic.Name; Folder = $folder; Blocks = @($blocks) }
    }

    $helpPlan = foreach ($name in (Get-Module NeuralNet).ExportedCmdlets.Keys | Sort-Object) {
        foreach ($block in Get-HelpExample $name) {
            $key = "$name|$($block.Section)"
            $preamble = (@("Import-Module NeuralNet", $snippets.Iris, $helpPreambles[$name], $helpPreambles[$key]) | Where-Object { $_ }) -join "`n"
            $preambleOf[(Get-BlockId $block)] = $preamble
            if ($helpParseOnly[$key]) { continue }
            @{ Name = $key; Folder = (New-DocumentFolder ("help-$name-$($block.Index)")); Blocks = @(@{ Id = Get-BlockId $block; Preamble = $preamble; Code = $block.Code }) }
        }
    }

    # The three documents run side by side, each in its own PowerShell with the module on its path.
    $environment = @{ PSModulePath = "$moduleFolder$([IO.Path]::PathSeparator)$env:PSModulePath" }
    $runs = foreach ($plan in @{ Name = 'readme'; Contexts = $readmePlan }, @{ Name = 'about'; Contexts = @($aboutPlan) }, @{ Name = 'help'; Contexts = @($helpPlan) }) {
        $work = New-Item -ItemType Directory (Join-Path $TestDrive "run-$($plan.Name)") -Force
        Invoke-DocumentedPlan -Contexts $plan.Contexts -WorkFolder $work.FullName -Environment $environment
    }
    $results = @{}
    foreach ($run in $runs) {
        $done = Wait-DocumentedPlan $run
        foreach ($id in $done.Blocks.Keys) { $results[$id] = $done.Blocks[$id] }
        if ($done.ExitCode -ne 0) { Write-Warning "A documented-code run ended with exit code $($done.ExitCode): $($done.StdErr)" }
    }

    # Why a block failed, with what ran before it.
    function Format-Failure($block, $result) {
        $errors = @($result.Errors | ForEach-Object { "[$($_.Id)] ($($_.Category)) $($_.Message)`n$($_.Where)" }) -join "`n"
        "`n--- preamble ---`n$($preambleOf[(Get-BlockId $block)])`n--- block ---`n$($block.Code)`n--- errors ---`n$errors`n--- output ---`n$($result.Output)"
    }

    function Assert-Ran($block) {
        $result = $results[(Get-BlockId $block)]
        $result | Should -Not -BeNullOrEmpty -Because 'the block should have run (did an earlier one hang or crash the session?)'
        $result.TimedOut | Should -BeFalse -Because "the block should finish in time$(Format-Failure $block $result)"
        @($result.Errors).Count | Should -Be 0 -Because "the block should run without error$(Format-Failure $block $result)"
        $result.Output | Should -Not -Match '\bNaN\b' -Because 'no documented command should print NaN'
    }

    function Assert-Parameters($block) {
        $wrong = @(Get-ParameterUse $block.Code | Where-Object { -not $_.Exists } | ForEach-Object { "$($_.Command) has no -$($_.Parameter) (in: $($_.Text))" })
        $wrong | Should -BeNullOrEmpty
    }
}

AfterAll {
    # Pester empties TestDrive afterwards; the links to out/ go first, so that nothing can follow them.
    foreach ($link in Get-ChildItem $TestDrive -Directory | ForEach-Object { Get-Item (Join-Path $_.FullName 'out') -ErrorAction Ignore }) {
        if ($link.LinkType) { [IO.Directory]::Delete($link.FullName) }
    }
}

Describe 'README.md code' {
    It '<Name>: parses and names only parameters that exist' -ForEach $readmeCases {
        Get-SyntaxError $Block.Code | Should -BeNullOrEmpty
        Assert-Parameters $Block
    }

    It '<Name>: runs as written' -ForEach $readmeCases {
        if ($Block.Marker -match '^parse-only') { Set-ItResult -Skipped -Because "the README marks it $($Block.Marker)"; return }
        Assert-Ran $Block
    }

    It '<Name>: shows plausibly what it prints (the same table columns, list labels and words)' -ForEach $shownCases {
        $result = $results[(Get-BlockId $Block)]
        $result | Should -Not -BeNullOrEmpty
        $promise = Get-OutputPromise $Block.Output
        $printed = Get-OutputPromise $result.Output
        $actual = $result.Output
        foreach ($header in $promise.Headers) { $printed.Headers | Should -Contain $header -Because "the README shows a table with the columns '$header'; the block printed:`n$actual" }
        foreach ($label in $promise.Labels) { $printed.Labels | Should -Contain $label -Because "the README shows a list entry '$label'; the block printed:`n$actual" }
        $missing = @($promise.Words | Where-Object { $_ -notin $printed.Words })
        $missing | Should -BeNullOrEmpty -Because "every word the README shows should be printed; the block printed:`n$actual"
    }
}

Describe 'about topics code' {
    It '<Name>: parses and names only parameters that exist' -ForEach $aboutCases {
        Get-SyntaxError $Block.Code | Should -BeNullOrEmpty
        Assert-Parameters $Block
    }

    It '<Name>: runs as written' -ForEach $aboutCases {
        Assert-Ran $Block
    }
}

Describe 'Get-Help examples' {
    It '<Name>: parses and names only parameters that exist' -ForEach $helpCases {
        Get-SyntaxError $Block.Code | Should -BeNullOrEmpty
        Assert-Parameters $Block
    }

    It '<Name>: runs as written' -ForEach $helpCases {
        $reason = $helpParseOnly["$($Block.Document)|$($Block.Section)"]
        if ($reason) { Set-ItResult -Skipped -Because "it $reason; it is parsed only"; return }
        Assert-Ran $Block
    }
}

Describe 'Prose' {
    BeforeAll {
        # Every -Parameter a text names (outside code that is not PowerShell) must be a parameter of a
        # module cmdlet, of build.ps1, of a command the text names, or a common parameter.
        # Job scripts (bash, YAML) and the parse-only blocks that drive other tools (sbatch, Az.Batch)
        # name those tools' parameters, which this machine cannot check; the parse-only blocks are
        # checked by their syntax tree instead, for this module's commands only.
        function Get-UnknownParameter([string] $text, [string[]] $parseOnly = @()) {
            $prose = [regex]::Replace($text, '(?ms)^```(csharp|python|bash|yaml)\s*$.*?^```\s*$', '')
            foreach ($code in $parseOnly) { $prose = $prose.Replace($code, '') }
            $unknown = foreach ($code in $parseOnly) {
                $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $null, [ref] $null)
                foreach ($call in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                    $command = Get-Command ($call.GetCommandName()) -Module NeuralNet -ErrorAction Ignore
                    if (-not $command) { continue }
                    foreach ($element in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                        $names = $command.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases }
                        if ($element.ParameterName -notin $names) { $element.ParameterName }
                    }
                }
            }
            $commands = @([regex]::Matches($prose, '\b[A-Z][A-Za-z]+-[A-Z][A-Za-z]+\b').Value + (Get-Module NeuralNet).ExportedCmdlets.Keys | Sort-Object -Unique | ForEach-Object { Get-Command $_ -ErrorAction Ignore })
            $commands += Get-Command (Join-Path $root 'build.ps1')
            $known = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
            foreach ($command in $commands) { foreach ($p in $command.Parameters.Values) { [void]$known.Add($p.Name); foreach ($a in $p.Aliases) { [void]$known.Add($a) } } }
            $mentioned = [regex]::Matches($prose, '(?<![\w/.-])-([A-Z][A-Za-z]+)\b') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
            @(@($mentioned | Where-Object { -not $known.Contains($_) }) + @($unknown) | Select-Object -Unique)
        }
    }

    It 'README.md names only parameters that exist, and says why it does not run a block' {
        $parseOnly = @(Get-MarkdownBlock (Join-Path $root 'README.md') | Where-Object { $_.Language -eq 'powershell' -and $_.Marker -match '^parse-only' } | ForEach-Object Code)
        Get-UnknownParameter (Get-Content (Join-Path $root 'README.md') -Raw) $parseOnly | Should -BeNullOrEmpty
        @(Get-MarkdownBlock (Join-Path $root 'README.md') | Where-Object { $_.Marker -match '^parse-only' -and $_.Marker -notmatch '^parse-only: \S' }) | Should -BeNullOrEmpty
    }

    It '<_> names only parameters that exist' -ForEach @(Get-ChildItem (Join-Path $PSScriptRoot '../../module/en-US') -Filter 'about_*.help.txt' | ForEach-Object Name) {
        Get-UnknownParameter (Get-Content (Join-Path $root "module/en-US/$_") -Raw) | Should -BeNullOrEmpty
    }
}
