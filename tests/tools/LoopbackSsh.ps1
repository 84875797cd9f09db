# Starts a private sshd on 127.0.0.1 with a fresh key, whose "powershell" subsystem runs this repo's
# pinned PowerShell, so Pester can test -Session over real PowerShell SSH remoting. Dot-source it and
# call Start-LoopbackSsh / Stop-LoopbackSsh. Needs root and Debian's openssh-server (.ci/run installs it);
# elsewhere Start-LoopbackSsh returns a reason to skip.

function Start-LoopbackSsh([string] $Folder, [string] $RepoRoot) {
    if (-not $IsLinux) { return @{ Skip = 'SSH remoting tests run on Linux CI only.' } }
    if ((id -u) -ne '0') { return @{ Skip = 'SSH remoting tests need root to run a private sshd.' } }
    if (-not (Test-Path /usr/sbin/sshd)) { return @{ Skip = 'openssh-server is not installed (apt-get install openssh-server).' } }
    New-Item -ItemType Directory -Path $Folder, /run/sshd -Force | Out-Null
    $hostKey = Join-Path $Folder 'host_ed25519'
    $clientKey = Join-Path $Folder 'client_ed25519'
    ssh-keygen -q -t ed25519 -N '' -f $hostKey | Out-Null
    ssh-keygen -q -t ed25519 -N '' -f $clientKey | Out-Null
    Copy-Item "$clientKey.pub" (Join-Path $Folder 'authorized_keys')
    $dotnet = (Get-Command dotnet).Source
    $subsystem = Join-Path $Folder 'pwsh-sshs.sh'
    Set-Content $subsystem "#!/bin/sh`ncd '$RepoRoot' && exec '$dotnet' pwsh -sshs -NoLogo -NoProfile"
    chmod 755 $subsystem
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $config = Join-Path $Folder 'sshd_config'
    Set-Content $config @"
Port $port
ListenAddress 127.0.0.1
HostKey $hostKey
PidFile $(Join-Path $Folder 'sshd.pid')
AuthorizedKeysFile $(Join-Path $Folder 'authorized_keys')
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem powershell $subsystem
"@
    /usr/sbin/sshd -f $config
    if ($LASTEXITCODE -ne 0) { return @{ Skip = "sshd could not start (exit code $LASTEXITCODE)." } }
    @{ Port = $port; KeyFile = $clientKey; PidFile = (Join-Path $Folder 'sshd.pid') }
}

function New-LoopbackSession($Ssh) {
    New-PSSession -HostName 127.0.0.1 -Port $Ssh.Port -UserName root -KeyFilePath $Ssh.KeyFile `
        -Options @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' } -ErrorAction Stop
}

function Stop-LoopbackSsh($Ssh) {
    if ($Ssh -and $Ssh.PidFile -and (Test-Path $Ssh.PidFile)) { Stop-Process -Id ([int](Get-Content $Ssh.PidFile)) -ErrorAction SilentlyContinue }
}
