echo Disabled
exit 0
