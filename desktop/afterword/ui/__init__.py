"""The Qt window: thin views and models over afterword.core."""
